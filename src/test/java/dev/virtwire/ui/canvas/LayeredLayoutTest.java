package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void layersRunFromTheOutsideDownToTheGuests() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        double outside = spots.get(key("outside")).y();
        double eth0 = spots.get(key("link:eth0")).y();
        double network = spots.get(key("network:default")).y();
        double tap = spots.get(key("link:vnet0")).y();
        double guest = spots.get(key("guest:web1")).y();
        assertTrue(outside < eth0 && eth0 < network && network < tap && tap < guest,
                List.of(outside, eth0, network, tap, guest).toString());
    }

    @Test
    void boxesInOneRowNeverOverlap() {
        Diagram d = DiagramBuilder.build(BigHost.withGuests(demo, 40), Set.of(Keys.guestsOf("network:default")),
                TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        for (DiagramNode a : d.nodes()) {
            for (DiagramNode b : d.nodes()) {
                if (a != b && a.layer() == b.layer()) {
                    Spot sa = spots.get(a.id());
                    Spot sb = spots.get(b.id());
                    boolean apart = sa.x() + a.width() <= sb.x() + 0.01 || sb.x() + b.width() <= sa.x() + 0.01;
                    assertTrue(apart, a.id() + " overlaps " + b.id());
                }
            }
        }
    }

    @Test
    void theSameHostAlwaysGivesTheSamePicture() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        assertEquals(LayeredLayout.of(d), LayeredLayout.of(DiagramBuilder.build(demo, Set.of(), TEXT.bundle())));
    }

    @Test
    void aTapSitsAboveItsGuestsNic() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        DiagramNode tap = d.node(key("link:vnet5")).orElseThrow();
        DiagramNode guest = d.node(key("guest:gitlab")).orElseThrow();
        double tapCentre = spots.get(tap.id()).x() + tap.width() / 2;
        double guestCentre = spots.get(guest.id()).x() + guest.width() / 2;
        assertEquals(guestCentre, tapCentre, 1.0);
    }

    @Test
    void fiveHundredGuestsExpandedAreLaidOutQuickly() {
        Diagram d = DiagramBuilder.build(BigHost.withGuests(demo, 500), Set.of(Keys.guestsOf("network:default")),
                TEXT.bundle());
        long start = System.nanoTime();
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(d.nodes().size(), spots.size());
        assertTrue(millis < 1500, "layout took " + millis + " ms");
    }
}
