package dev.virtwire.bench;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import dev.virtwire.ui.canvas.Diagram;
import dev.virtwire.ui.canvas.DiagramBuilder;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.LayeredLayout;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How long the window's diagram takes to build from one snapshot of a host with N guests (what every live
 * update costs before layout), and then to lay out: median and 95th percentile after a warm-up, in milliseconds.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.virtwire.bench.DiagramBuildBench 500}
 */
public final class DiagramBuildBench {
    private DiagramBuildBench() {
    }

    public static void main(String[] args) {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        HostSnapshot host = SyntheticHost.withGuests(guests);
        ResourceBundle text = new Messages(Locale.ENGLISH).bundle();
        Diagram grouped = DiagramBuilder.build(host, Set.of(), text);
        var open = Set.copyOf(grouped.nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.GROUP)
                .map(DiagramNode::id).toList());
        time("groups closed", guests, runs, () -> DiagramBuilder.build(host, Set.of(), text));
        time("groups open", guests, runs, () -> DiagramBuilder.build(host, open, text));
        Diagram all = DiagramBuilder.build(host, open, text);
        Samples layout = new Samples();
        for (int i = 0; i < 2 * runs / 10; i++) {
            long start = System.nanoTime();
            LayeredLayout.of(all);
            if (i >= runs / 10) {
                layout.add(Samples.millisSince(start));
            }
        }
        System.out.printf(Locale.ROOT, "LayeredLayout.of, %d guests, groups open: median %.2f ms, p95 %.2f ms over %d "
                + "layouts%n", guests, layout.median(), layout.p95(), layout.count());
    }

    private static void time(String what, int guests, int runs, Supplier<Diagram> build) {
        Diagram last = null;
        for (int i = 0; i < runs; i++) {
            last = build.get();
        }
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = build.get();
            samples.add(Samples.millisSince(start));
        }
        System.out.printf(Locale.ROOT, "DiagramBuilder.build, %d guests, %s (%d boxes, %d lines): median %.2f ms, "
                + "p95 %.2f ms over %d builds%n", guests, what, last.nodes().size(), last.edges().size(),
                samples.median(), samples.p95(), samples.count());
    }
}
