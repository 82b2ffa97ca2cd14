package dev.virtwire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits until the machine is mostly idle again: freshly started TCG guests boot on the same CPUs the
 * benchmarks measure, and figures taken while they boot say more about QEMU than about Virtwire.
 */
final class Settle {
    private static final Path STAT = Path.of("/proc/stat");

    private Settle() {
    }

    /**
     * Until the CPUs' idle share stops rising (two 5 s windows within 5 points, after at least 30 s), or
     * {@code maxSeconds} are up: running guests keep using some CPU, booting ones much more. Returns the share.
     */
    static double untilSteady(int maxSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        double previous = -1;
        double idle = idleOver5s();
        while (System.nanoTime() - start < maxSeconds * 1_000_000_000L
                && (System.nanoTime() - start < 30_000_000_000L || Math.abs(idle - previous) > 0.05)) {
            previous = idle;
            idle = idleOver5s();
        }
        return idle;
    }

    private static double idleOver5s() throws IOException, InterruptedException {
        long[] a = cpu();
        Thread.sleep(5000);
        long[] b = cpu();
        return (double) (b[0] - a[0]) / Math.max(1, b[1] - a[1]);
    }

    /** Jiffies (1/100 s) all CPUs spent outside idle and iowait since boot. */
    static long busyJiffies() {
        try {
            long[] c = cpu();
            return c[1] - c[0];
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {idle + iowait, total} jiffies of all CPUs. */
    private static long[] cpu() throws IOException {
        String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
    }
}
