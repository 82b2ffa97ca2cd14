package dev.virtwire.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of the lab (guests under TCG take seconds to react). */
public final class Eventually {

    private Eventually() {
    }

    /**
     * How long a fault must hold before a test believes it: two failed tries of a guest's ping or connection
     * (each waits up to 2 s for an answer).
     */
    static final Duration FAULT_HOLDS = Duration.ofSeconds(4);

    /** Whether the condition stayed false for {@link #FAULT_HOLDS}, tried again and again. */
    static boolean never(BooleanSupplier condition) {
        return !within(FAULT_HOLDS, condition);
    }

    public static boolean within(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
