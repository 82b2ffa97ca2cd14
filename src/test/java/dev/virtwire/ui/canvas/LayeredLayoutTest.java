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
    void boxesNeverOverlap() {
        // the guests' row in two tiers (GuestTiers) puts boxes of one layer above one another: compare in 2D
        for (HostSnapshot host : List.of(demo, BigHost.withGuests(demo, 40))) {
            Diagram d = DiagramBuilder.build(host, Set.of(Keys.guestsOf("network:default")), TEXT.bundle());
            Map<BoxKey, Spot> spots = LayeredLayout.of(d);
            for (DiagramNode a : d.nodes()) {
                for (DiagramNode b : d.nodes()) {
                    if (a != b) {
                        Spot sa = spots.get(a.id());
                        Spot sb = spots.get(b.id());
                        boolean apart = sa.x() + a.width() <= sb.x() + 0.01 || sb.x() + b.width() <= sa.x() + 0.01
                                || sa.y() + a.height() <= sb.y() + 0.01 || sb.y() + b.height() <= sa.y() + 0.01;
                        assertTrue(apart, a.id() + " overlaps " + b.id());
                    }
                }
            }
        }
    }

    @Test
    void aLongRowOfGuestsStandsInTwoTiersWithTheirLinesBetweenTheUpperCards() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        List<DiagramNode> guests = d.nodes().stream().filter(n -> n.layer() == 4).toList();
        double upper = guests.stream().mapToDouble(g -> spots.get(g.id()).y()).min().orElseThrow();
        List<DiagramNode> lower = guests.stream().filter(g -> spots.get(g.id()).y() > upper + 1).toList();
        assertTrue(lower.size() >= guests.size() / 3, "guests in the lower tier: " + lower.size());
        // every line down to a lower card passes beside the upper cards, not through them
        for (DiagramNode g : lower) {
            for (DiagramNode.NicPort port : g.nics()) {
                double x = spots.get(g.id()).x() + g.portCenter(port.key());
                for (DiagramNode u : guests) {
                    Spot su = spots.get(u.id());
                    if (su.y() < upper + 1) {
                        assertTrue(x < su.x() || x > su.x() + u.width(), port.key() + "'s line goes through " + u.id());
                    }
                }
            }
        }
    }

    @Test
    void anOpenedGroupsRowStaysOneTier() {
        // its lines fan out far: a lower tier's lines would cross many of them (LayoutFiguresTest counts them)
        Diagram d = DiagramBuilder.build(BigHost.withGuests(demo, 40), Set.of(Keys.guestsOf("network:default")),
                TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        long tops = d.nodes().stream().filter(n -> n.layer() == 4).mapToDouble(n -> spots.get(n.id()).y())
                .distinct().count();
        assertEquals(1, tops, "the guests' row stands in " + tops + " tiers");
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
