package dev.virtwire.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated timings of one thing, in milliseconds. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double millis) {
        values.add(millis);
    }

    double median() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    int count() {
        return values.size();
    }

    /** Nearest-rank percentile. */
    double percentile(int p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
