package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.PortForwardAcceptOp;
import dev.virtwire.change.op.NftablesConfOp;
import dev.virtwire.change.op.PortForwardOp;
import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.PortForwardAccept;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port forward on a host whose native nftables table drops the guest's bridge (Debian's inet filter with
 * policy drop beside libvirt's iptables rules, or beside libvirt 10's own table): the plan adds the forward's
 * accept (its DNATed connections into the bridge) in that table, saves it where /etc/nftables.conf declares
 * the table, and undo gives back the rules and the file as they were.
 */
class PortForwardThroughDropsTest {
    private static final String CONF = "#!/usr/sbin/nft -f\nflush ruleset\ntable inet filter {\n  chain forward {\n"
            + "    type filter hook forward priority filter; policy drop;\n  }\n}\n";
    private static final FirewallChain DEBIAN = new FirewallChain("inet filter", "forward", "filter", "forward", 0,
            "DROP");
    private static final FirewallIntent.AddPortForward FORWARD = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);

    @TempDir
    Path state;

    @Test
    void onAnIptablesHostTheDroppingTableGetsTheForwardsAcceptSavedInTheFileAndUndoGivesAllBack() {
        SimulatedHost host = host(FirewallBackend.IPTABLES_NFT, List.of(), Optional.of(CONF));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(FORWARD);
            assertEquals(List.of(PortForwardOp.class, PortForwardAcceptOp.class, NftablesConfOp.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            assertTrue(plan.commands().contains("nft insert rule inet filter forward oifname virbr0 ip daddr "
                    + "192.168.122.10 tcp dport 80 ct status dnat accept comment "
                    + "'\"virtwire:fwd-accept:tcp:8080:192.168.122.10:80\"'"), plan.commands().toString());
            assertTrue(plan.commands().contains("tee /etc/.nftables.conf.virtwire-new"), plan.commands().toString());
            assertTrue(plan.operations().get(2).describe().startsWith("Save virbr0's port forward's accept in "
                    + "/etc/nftables.conf"), plan.operations().get(2).describe());
            changes.apply(plan);
            FirewallState after = host.snapshot().firewall();
            assertEquals(List.of(WEB), PortForward.in(after), "the native accept is not taken for a forward's rule");
            assertEquals(List.of(new PortForwardAccept(WEB, "virbr0", "inet filter", "forward")),
                    PortForwardAccept.in(after));
            assertTrue(after.nftablesConf().orElseThrow().contains("insert rule inet filter forward oifname virbr0 "
                    + "ip daddr 192.168.122.10 tcp dport 80 ct status dnat accept"), after.nftablesConf().orElseThrow());
            assertTrue(after.nftablesConf().orElseThrow().contains("insert rule inet filter forward iifname virbr0 "
                    + "ip saddr 192.168.122.10 tcp sport 80 ct status dnat accept"),
                    "the replies too: " + after.nftablesConf().orElseThrow());

            Plan remove = changes.plan(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
            assertEquals(List.of(NftablesConfOp.class, PortForwardOp.class, PortForwardAcceptOp.class),
                    remove.operations().stream().map(Object::getClass).toList(), remove.commands().toString());

            changes.undo();
            FirewallState undone = host.snapshot().firewall();
            assertEquals(List.of(), PortForward.in(undone));
            assertEquals(List.of(), PortForwardAccept.in(undone));
            assertEquals(Optional.of(CONF), undone.nftablesConf(), "undo writes back the file byte for byte");
        }
    }

    @Test
    void onAnNftablesHostTheDroppingTableGetsTheForwardsAcceptNotSavedWithoutTheFile() {
        SimulatedHost host = host(FirewallBackend.NFTABLES, List.of(), Optional.empty());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(FORWARD);
            assertEquals(List.of(PortForwardOp.class, PortForwardAcceptOp.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            assertTrue(plan.operations().get(1).describe().contains("not saved: gone after reboot"),
                    "no /etc/nftables.conf declares the table: " + plan.operations().get(1).describe());
            changes.apply(plan);
            changes.undo();
            assertEquals(List.of(), PortForwardAccept.in(host.snapshot().firewall()));
            assertEquals(List.of(), PortForward.in(host.snapshot().firewall()));
        }
    }

    /**
     * Virtwire's accept for the bridge lets the guests' own connections out and their replies back, not a new
     * connection DNATed into the bridge: the forward still gets its own; where nothing drops, it needs none.
     */
    @Test
    void theBridgesAcceptIsNoSubstituteAndWhereNothingDropsTheForwardIsItsOwnRulesAlone() {
        ForwardAccept there = new ForwardAccept("virbr0", "inet filter", "forward");
        SimulatedHost accepted = host(FirewallBackend.IPTABLES_NFT, ForwardAcceptRules.rules(there), Optional.empty());
        try (Changes changes = new Changes(accepted, RoundTripTest.SIM, state)) {
            assertEquals(List.of(PortForwardOp.class, PortForwardAcceptOp.class),
                    changes.plan(FORWARD).operations().stream().map(Object::getClass).toList());
        }
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        try (Changes changes = new Changes(new SimulatedHost(demo), RoundTripTest.SIM, state.resolve("plain"))) {
            assertEquals(List.of(PortForwardOp.class),
                    changes.plan(FORWARD).operations().stream().map(Object::getClass).toList());
        }
    }

    private static SimulatedHost host(FirewallBackend backend, List<dev.virtwire.model.FirewallRule> extra,
                                      Optional<String> conf) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        List<FirewallChain> chains = Stream.concat(demo.firewall().chains().stream(), Stream.of(DEBIAN)).toList();
        Map<String, String> policies = new java.util.HashMap<>(demo.firewall().policies());
        policies.put("inet filter/forward", "DROP");
        List<dev.virtwire.model.FirewallRule> rules = Stream.concat(demo.firewall().rules().stream(), extra.stream())
                .toList();
        return new SimulatedHost(demo.withFirewall(new FirewallState(backend, policies, rules, chains, List.of(),
                conf)));
    }
}
