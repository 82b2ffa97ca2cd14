package dev.virtwire.ui;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Watches the FX thread two ways (a host adapter that sleeps, as {@link SlowHost} does, is seen waiting). Pulses: an animation asks for one every frame, so the longest gap between
 * two frames is the longest time the thread did something else (waiting or computing; on a loaded machine
 * computing takes longer). Waiting: every few milliseconds a sampler looks at the thread, and the longest run
 * of samples in which it waited (sleeping, on a lock, on I/O it is told about) inside Virtwire's own code is
 * the longest time Virtwire held it waiting: what a host call made on it shows as, whatever the load. Start
 * and stop it on the FX thread.
 */
final class PulseWatch extends AnimationTimer {
    private static final long SAMPLE_MS = 5;
    private long last;
    private volatile long longestPulseGapNanos;
    private volatile long longestWaitNanos;
    private volatile Thread sampler;

    @Override
    public void start() {
        Thread fx = Thread.currentThread();
        Thread t = new Thread(() -> sample(fx), "fx-thread-sampler");
        t.setDaemon(true);
        sampler = t;
        t.start();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        sampler.interrupt();
    }

    @Override
    public void handle(long now) {
        if (last != 0) {
            longestPulseGapNanos = Math.max(longestPulseGapNanos, now - last);
        }
        last = now;
    }

    /** The longest gap between two pulses, in milliseconds. */
    long longestPulseGapMillis() {
        return longestPulseGapNanos / 1_000_000;
    }

    /** The longest time the FX thread was seen waiting inside Virtwire's code, in milliseconds. */
    long longestWaitMillis() {
        return longestWaitNanos / 1_000_000;
    }

    private void sample(Thread fx) {
        long waitingSince = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (waitsInVirtwire(fx)) {
                waitingSince = waitingSince == 0 ? now : waitingSince;
                longestWaitNanos = Math.max(longestWaitNanos, now - waitingSince);
            } else {
                waitingSince = 0;
            }
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waiting, with a frame of Virtwire's main code on the stack (the toolkit's own waits have none). */
    private static boolean waitsInVirtwire(Thread fx) {
        Thread.State state = fx.getState();
        boolean waiting = state == Thread.State.BLOCKED || state == Thread.State.WAITING
                || state == Thread.State.TIMED_WAITING;
        return waiting && Arrays.stream(fx.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("dev.virtwire."));
    }
}
