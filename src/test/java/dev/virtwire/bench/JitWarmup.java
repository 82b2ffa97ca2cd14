package dev.virtwire.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up until the JIT compiler is done with what is measured: on two CPUs, compiling a 500-guest
 * snapshot's code goes on for dozens of snapshots and takes the CPU the snapshot itself needs.
 */
final class JitWarmup {
    private static final int ROUND = 5;
    private static final int MAX_RUNS = 120;
    /** Compilation time in one round below which compiling no longer matters for what is measured. */
    private static final long QUIET_MS = 25;

    private JitWarmup() {
    }

    /** Runs {@code work} in rounds until a round adds little compilation time, or 120 times; says how it went. */
    static String untilCompiled(Runnable work) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int runs = 0;
        long lastRound;
        do {
            long before = jit.getTotalCompilationTime();
            for (int i = 0; i < ROUND; i++) {
                work.run();
            }
            runs += ROUND;
            lastRound = jit.getTotalCompilationTime() - before;
        } while (lastRound >= QUIET_MS && runs < MAX_RUNS);
        return runs + " runs, the compiler at work " + lastRound + " ms in the last " + ROUND;
    }
}
