package dev.virtwire.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DropRulesTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Diagram diagram = DiagramBuilder.build(demo, Set.of(), new Messages(Locale.ENGLISH).bundle());
    private final DropRules rules = new DropRules(demo);
    private static final String WEB1_NIC = "nic:web1/52:54:00:3a:10:01";

    @Test
    void aNicMayGoToAnotherActiveNetworkOrBridge() {
        assertEquals(Optional.empty(), rules.refusal(WEB1_NIC, box("link:br0")));
        assertEquals(Optional.empty(), rules.refusal(WEB1_NIC, box("network:isolated")));
        DropRules.Move move = rules.move(demo.guest("web1").orElseThrow(),
                demo.guest("web1").orElseThrow().nics().get(0), box("link:br0")).orElseThrow();
        assertEquals(new DropRules.Move("web1", "52:54:00:3a:10:01", NicType.BRIDGE, "br0"), move);
    }

    @Test
    void aRunningGuestCannotJoinAnInactiveNetwork() {
        String why = rules.refusal(WEB1_NIC, box("network:lab")).orElseThrow();
        assertTrue(why.contains("not active") && why.contains("start"), why);
    }

    @Test
    void aGuestWithSeveralNicsMustBeDraggedByOne() {
        String why = rules.refusal("guest:db1", box("link:br0")).orElseThrow();
        assertTrue(why.contains("2 NICs"), why);
        assertEquals(Optional.empty(), rules.refusal("guest:web1", box("link:br0")));
    }

    @Test
    void droppingWhereItAlreadyIsSaysSo() {
        assertTrue(rules.refusal(WEB1_NIC, box("network:default")).orElseThrow().contains("already"));
    }

    @Test
    void tapsAndTheOutsideAreNoTargets() {
        assertTrue(DropRules.isTarget(box("network:default")));
        assertTrue(DropRules.isTarget(box("link:br0")));
        assertTrue(!DropRules.isTarget(box("link:vnet0")) && !DropRules.isTarget(box("outside")));
    }

    private DiagramNode box(String id) {
        return diagram.node(id).orElseThrow();
    }
}
