package dev.virtwire.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of the lab (guests under TCG take seconds to react). */
final class Eventually {

    private Eventually() {
    }

    static boolean within(Duration limit, BooleanSupplier condition) {
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
