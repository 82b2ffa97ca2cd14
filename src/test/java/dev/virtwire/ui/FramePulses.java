package dev.virtwire.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;

/**
 * Every pulse of the window, seen from an AnimationTimer (which also keeps pulses coming). A pulse's
 * timer callback runs before its layout and rendering, so the callback of the next pulse marks the end of
 * the frame in which a condition first held.
 */
final class FramePulses extends AnimationTimer {
    private BooleanSupplier awaited;
    private boolean held;
    private CompletableFuture<Long> frame;
    private Runnable step;

    @Override
    public void handle(long now) {
        if (awaited != null) {
            if (held) {
                awaited = null;
                frame.complete(System.nanoTime());
            } else {
                held = awaited.getAsBoolean();
            }
        }
        if (step != null) {
            step.run();
        }
    }

    /** Waits (off the FX thread) for the end of the first frame rendered once the condition holds. */
    long frameAfter(BooleanSupplier condition) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        GuiBench.onFx(() -> {
            held = false;
            frame = done;
            awaited = condition;
            return null;
        });
        try {
            return done.get(GuiBench.TIMEOUT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no such frame within " + GuiBench.TIMEOUT_S + " s", e);
        }
    }

    /** Runs one step per pulse, on the FX thread, from the pulse's own timer callback. */
    void every(Runnable perPulse) {
        step = perPulse;
    }
}
