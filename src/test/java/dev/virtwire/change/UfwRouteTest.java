package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UfwRouteOp;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewallToolFound;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.UfwRoutes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a host where ufw runs (its FORWARD policy drops routed traffic), letting a bridge through goes through
 * ufw's own route rules, which ufw saves, not an iptables accept gone at its next reload; undo deletes exactly
 * those two rules.
 */
class UfwRouteTest {
    private static final FirewallRule UFW_JUMP = new FirewallRule("filter", "FORWARD", "ufw-before-forward",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            "-A FORWARD -j ufw-before-forward");

    @TempDir
    Path state;

    @Test
    void theBridgeIsLetThroughByUfwRouteRulesAndUndoDeletesThem() {
        SimulatedHost host = ufwHost(List.of());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("ufw route allow in on virbr0", "ufw route allow out on virbr0"), plan.commands());
            assertTrue(plan.operations().get(0).describe().contains("saved by ufw"),
                    plan.operations().get(0).describe());
            changes.apply(plan);
            assertTrue(UfwRoutes.allow(host.snapshot().firewall(), "virbr0"));
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()), "no iptables accept of Virtwire's");
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertEquals(List.of("ufw route delete allow in on virbr0", "ufw route delete allow out on virbr0"),
                    remove.commands());
            changes.undo();
            assertFalse(UfwRoutes.allow(host.snapshot().firewall(), "virbr0"));
        }
    }

    /**
     * ufw's route deny of the user's for all that leaves by eth0: allow rules appended after it would never be
     * reached, so they are inserted as ufw's first rules; undo deletes them, and the deny stays.
     */
    @Test
    void aBlanketRouteDenyGetsTheAllowRulesAheadOfItAndUndoLeavesItAlone() {
        FirewallRule deny = new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("eth0"), Optional.empty(), "-A ufw-user-forward -o eth0 -j DROP");
        SimulatedHost host = ufwHost(List.of(deny));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("ufw route insert 1 allow in on virbr0", "ufw route insert 2 allow out on virbr0"),
                    plan.commands());
            assertTrue(plan.operations().get(0).describe().contains("ahead of the route rule that denies it"),
                    plan.operations().get(0).describe());
            changes.apply(plan);
            assertTrue(UfwRoutes.allowAhead(host.snapshot().firewall(), "virbr0"));
            changes.undo();
            assertFalse(UfwRoutes.allow(host.snapshot().firewall(), "virbr0"));
            assertTrue(host.snapshot().firewall().rules().contains(deny), "the user's deny stays");
            changes.redo();
            assertTrue(UfwRoutes.allowAhead(host.snapshot().firewall(), "virbr0"), "redo puts them ahead again");
        }
    }

    /**
     * {@code ufw route deny in on virbr0} of the user's: ufw keeps one rule per match, so its allow turns that deny
     * into the allow where it stands (an insert would be skipped), and undo makes it the deny again.
     */
    @Test
    void theUsersDenyWithTheSameMatchBecomesTheAllowAndUndoMakesItTheDenyAgain() {
        FirewallRule deny = new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                Optional.of("virbr0"), Optional.empty(), Optional.empty(), "-A ufw-user-forward -i virbr0 -j DROP");
        SimulatedHost host = ufwHost(List.of(deny));
        List<FirewallRule> before = host.snapshot().firewall().rules();
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("ufw route allow in on virbr0", "ufw route allow out on virbr0"), plan.commands());
            assertTrue(plan.operations().get(0).describe().contains("turning ufw's route deny for virbr0 into an "
                    + "allow"), plan.operations().get(0).describe());
            changes.apply(plan);
            assertTrue(UfwRoutes.allow(host.snapshot().firewall(), "virbr0"));
            assertEquals("allow", UfwRoutes.action(host.snapshot().firewall(), "virbr0", "in"));
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertEquals(List.of("ufw route delete allow in on virbr0", "ufw route delete allow out on virbr0"),
                    remove.commands(), "a removal asked for later takes the allows away");
            changes.undo();
            assertEquals(before, host.snapshot().firewall().rules(), "the deny again, where it stood");
        }
    }

    /** A history written before route rules could go ahead of ufw's: its steps appended them, and still do. */
    @Test
    void aStepJournaledBeforeAheadExistedIsReadAsAppended() throws Exception {
        String old = "{\"op\":\"ufw-route\",\"bridge\":\"virbr0\",\"present\":true}";
        assertEquals(new UfwRouteOp("virbr0", true, false, "", ""), JournalJson.MAPPER.readValue(old,
                Operation.class));
    }

    @Test
    void whereUfwLetsTheBridgeThroughAlreadyItIsRefused() {
        SimulatedHost host = ufwHost(UfwRoutes.rules("virbr0"));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            String refused = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"))).getMessage();
            assertTrue(refused.contains("ufw already lets virbr0's traffic through"), refused);
        }
    }

    private static SimulatedHost ufwHost(List<FirewallRule> more) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        List<FirewallRule> rules = new java.util.ArrayList<>(List.of(UFW_JUMP));
        rules.addAll(more);
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                Map.of("filter/FORWARD", "DROP"), rules, List.of(),
                List.of(new FirewallToolFound(FirewallTool.UFW, true, "chains ufw-*")))));
    }
}
