package dev.virtwire.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The figures the README gives for the layout: line crossings on the demo host and on the 500-guest host, and
 * on the demo host how big a box's name is when the picture is fitted to a 1600×1000 window's canvas. Each
 * test fails when a change makes its figure worse than the one the README gives.
 */
class LayoutFiguresTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    /** The canvas of a 1600×1000 window: menu, toolbar, tab, demo hint, legend and status bar take ~200 px. */
    private static final double CANVAS_W = 1600;
    private static final double CANVAS_H = 800;
    /** A box's name (virtwire.css: .box-title at the window's 13 px). */
    private static final double NAME_PX = 13;
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void theDemoHostsLinesCrossRarely() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        int crossings = LineCrossings.count(d, LayeredLayout.of(d));
        System.out.println("demo host: " + crossings + " line crossings");
        assertTrue(crossings <= DEMO_CROSSINGS, crossings + " crossings");
    }

    @Test
    void theFiveHundredGuestHostsLinesCrossRarely() {
        Diagram d = DiagramBuilder.build(BigHost.withGuests(demo, 500), Set.of(Keys.guestsOf("network:default")),
                TEXT.bundle());
        int crossings = LineCrossings.count(d, LayeredLayout.of(d));
        System.out.println("500-guest host (NAT network's guests open): " + crossings + " line crossings");
        assertTrue(crossings <= BIG_CROSSINGS, crossings + " crossings");
    }

    @Test
    void theDemoHostFittedToTheWindow() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = 0;
        double maxY = 0;
        for (DiagramNode n : d.nodes()) {
            Spot s = spots.get(n.id());
            minX = Math.min(minX, s.x());
            minY = Math.min(minY, s.y());
            maxX = Math.max(maxX, s.x() + n.width());
            maxY = Math.max(maxY, s.y() + n.height());
        }
        double w = maxX - minX;
        double h = maxY - minY;
        // as Viewport.fit: 20 px around the picture, never beyond 100 %
        double scale = Math.min(1, Math.min(CANVAS_W / (w + 40), CANVAS_H / (h + 40)));
        double fill = w * scale * h * scale / (CANVAS_W * CANVAS_H);
        System.out.printf("demo host at fit on a %.0f×%.0f canvas: scale %.2f, names %.1f px, picture %.0f×%.0f px "
                + "(%.0f %% of the canvas)%n", CANVAS_W, CANVAS_H, scale, NAME_PX * scale, w * scale, h * scale, fill * 100);
        assertTrue(NAME_PX * scale >= SMALLEST_NAME_PX, "names are " + NAME_PX * scale + " px at fit");
    }

    /** Today's figures (README, "Layout figures"): a change to the layout may better them, never worsen them. */
    private static final int DEMO_CROSSINGS = 2;
    private static final int BIG_CROSSINGS = 108;
    private static final double SMALLEST_NAME_PX = 11;
}
