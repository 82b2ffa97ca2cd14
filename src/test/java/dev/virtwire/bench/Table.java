package dev.virtwire.bench;

/** The printed results: one row per measurement, with its ratio to the baseline of the same run. */
final class Table {
    private final StringBuilder rows = new StringBuilder(String.format("%-52s %10s %10s %8s  %s%n",
            "benchmark", "median ms", "p95 ms", "ratio", "target"));

    void row(String name, Samples samples, double baseline, String target) {
        String ratio = baseline > 0 ? String.format("%.2fx", samples.median() / baseline) : "";
        rows.append(String.format("%-52s %10.1f %10.1f %8s  %s%n", name, samples.median(), samples.p95(), ratio,
                target));
    }

    void line(String text) {
        rows.append(text).append('\n');
    }

    @Override
    public String toString() {
        return rows.toString();
    }
}
