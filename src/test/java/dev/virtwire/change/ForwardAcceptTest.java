package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Let a bridge's traffic through the firewall": where the rules go, their commands, undo, and refusals. */
class ForwardAcceptTest {
    private static final FirewallRule DOCKER_JUMP = new FirewallRule("filter", "FORWARD", "DOCKER-USER",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            "-A FORWARD -j DOCKER-USER");

    @TempDir
    Path state;

    @Test
    void withoutDockerTheRulesGoAheadOfEverythingInForward() {
        SimulatedHost host = host(FirewallBackend.IPTABLES_NFT, List.of());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new Intent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of(
                    "iptables -w -t filter -I FORWARD -o virbr0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment "
                            + "--comment virtwire:accept:virbr0 -j ACCEPT",
                    "iptables -w -t filter -I FORWARD -i virbr0 -m comment --comment virtwire:accept:virbr0 -j ACCEPT"),
                    plan.commands());
            changes.apply(plan);
            assertEquals(List.of(new ForwardAccept("virbr0", "FORWARD")), ForwardAccept.in(host.snapshot().firewall()));
            assertEquals("-A FORWARD -i virbr0 -m comment --comment virtwire:accept:virbr0 -j ACCEPT",
                    host.snapshot().firewall().rules().get(0).text(), "the accept of what comes in is first");

            changes.undo();
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()));
        }
    }

    @Test
    void whereDockerRunsTheyGoIntoDockerUser() {
        SimulatedHost host = host(FirewallBackend.IPTABLES_LEGACY, List.of(DOCKER_JUMP));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            changes.apply(changes.plan(new Intent.AcceptBridgeTraffic("br0")));
            assertEquals(List.of(new ForwardAccept("br0", "DOCKER-USER")), ForwardAccept.in(host.snapshot().firewall()));
            Plan remove = changes.plan(new Intent.RemoveBridgeAccept("br0"));
            assertTrue(remove.commands().get(0).startsWith("iptables -w -t filter -D DOCKER-USER -i br0 "),
                    remove.commands().toString());
            changes.apply(remove);
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()));
        }
    }

    @Test
    void badRequestsAreRefusedWithWhatIsAllowed() {
        SimulatedHost iptables = host(FirewallBackend.IPTABLES_NFT, List.of());
        try (Changes changes = new Changes(iptables, RoundTripTest.SIM, state)) {
            assertTrue(refusal(changes, new Intent.AcceptBridgeTraffic("eth0")).contains("not a bridge"));
            String missing = refusal(changes, new Intent.AcceptBridgeTraffic("nope0"));
            assertTrue(missing.contains("bridges: ") && missing.contains("virbr0"), missing);
            assertTrue(refusal(changes, new Intent.AcceptBridgeTraffic("bad name!")).contains("bridge"));
            assertTrue(refusal(changes, new Intent.RemoveBridgeAccept("virbr0")).contains("none"));
            changes.apply(changes.plan(new Intent.AcceptBridgeTraffic("virbr0")));
            assertTrue(refusal(changes, new Intent.AcceptBridgeTraffic("virbr0")).contains("already"));
        }
        SimulatedHost nft = host(FirewallBackend.NFTABLES, List.of());
        try (Changes changes = new Changes(nft, RoundTripTest.SIM, state.resolve("nft"))) {
            assertTrue(refusal(changes, new Intent.AcceptBridgeTraffic("virbr0")).contains("iifname virbr0 accept"));
        }
    }

    private static String refusal(Changes changes, Intent intent) {
        return assertThrows(ChangeRefused.class, () -> changes.plan(intent)).getMessage();
    }

    private static SimulatedHost host(FirewallBackend backend, List<FirewallRule> rules) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        return new SimulatedHost(demo.withFirewall(new FirewallState(backend, Map.of("filter/FORWARD", "DROP"), rules)));
    }
}
