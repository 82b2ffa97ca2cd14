package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.NicMoves;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import dev.virtwire.ui.Messages;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropRulesTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Diagram diagram = DiagramBuilder.build(demo, Set.of(), new Messages(Locale.ENGLISH).bundle());
    private final DropRules rules = new DropRules(demo, SuggestedCommands.local());
    private static final BoxKey WEB1_NIC = key("nic:web1/52:54:00:3a:10:01");
    @TempDir
    Path state;

    @Test
    void aNicMayGoToAnotherActiveNetworkOrBridge() {
        assertEquals(Optional.empty(), rules.refusal(WEB1_NIC, box("link:br0")));
        assertEquals(Optional.empty(), rules.refusal(WEB1_NIC, box("network:isolated")));
        assertEquals(Optional.of(new GuestIntent.AttachNic("web1", "52:54:00:3a:10:01", NicType.BRIDGE, "br0", Scope.BOTH)),
                rules.move(WEB1_NIC, box("link:br0")));
    }

    @Test
    void aRunningGuestCannotJoinAnInactiveNetwork() {
        String why = rules.refusal(WEB1_NIC, box("network:lab")).orElseThrow();
        assertTrue(why.contains("not active") && why.contains("start"), why);
    }

    @Test
    void aGuestWithSeveralNicsMustBeDraggedByOne() {
        String why = rules.refusal(key("guest:db1"), box("link:br0")).orElseThrow();
        assertTrue(why.contains("2 NICs"), why);
        assertEquals(Optional.empty(), rules.refusal(key("guest:web1"), box("link:br0")));
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

    @Test
    void aRunningGuestsNicTurnsMacvtapByADrop() {
        // the NIC is unplugged and plugged in again on the host NIC (the preview says so)
        assertTrue(rules.refusal(WEB1_NIC, box("link:eth0")).isEmpty());
    }

    /**
     * Every NIC of the demo onto every box a NIC can be dropped on: the canvas lights a target exactly when the
     * planner would plan the move, and refuses with the planner's own words.
     */
    @Test
    void theCanvasAndThePlannerAgreeOnEveryDrop() {
        int allowed = 0;
        int refused = 0;
        for (Guest guest : demo.guests()) {
            for (GuestNic nic : guest.nics()) {
                BoxKey port = BoxKey.of(new Id.Nic(guest.name(), nic.mac()));
                for (DiagramNode box : diagram.nodes().stream().filter(DropRules::isTarget).toList()) {
                    GuestIntent.AttachNic move = rules.move(port, box).orElseThrow(() -> new AssertionError(box.id()));
                    Optional<String> canvas = rules.refusal(port, box);
                    Optional<String> planner = planned(move);
                    assertEquals(planner, canvas, guest.name() + " " + nic.mac() + " onto " + box.id().text());
                    assertEquals(NicMoves.refusal(demo, move, SuggestedCommands.local()), canvas);
                    if (canvas.isEmpty()) {
                        allowed++;
                    } else {
                        refused++;
                    }
                }
            }
        }
        assertTrue(allowed > 10 && refused > 10, allowed + " allowed, " + refused + " refused");
    }

    /** What the change layer says when asked to plan the move for real. */
    private Optional<String> planned(GuestIntent.AttachNic move) {
        try (Changes changes = new Changes(new SimulatedHost(demo), new HostAddress("sim:///drop", new Target.Local()),
                state, SuggestedCommands.local())) {
            changes.plan(move);
            return Optional.empty();
        } catch (ChangeRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    private DiagramNode box(String id) {
        return diagram.node(key(id)).orElseThrow();
    }

    @Test
    void onlyGuestsAndNicsAreDragged() {
        assertFalse(rules.refusal(key("link:br0"), box("network:default")).isEmpty());
    }
}
