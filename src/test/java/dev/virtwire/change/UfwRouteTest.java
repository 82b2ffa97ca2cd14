package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
