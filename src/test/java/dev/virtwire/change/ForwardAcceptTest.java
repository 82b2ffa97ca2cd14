package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldZones;
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
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
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
            changes.apply(changes.plan(new FirewallIntent.AcceptBridgeTraffic("br0")));
            assertEquals(List.of(new ForwardAccept("br0", "DOCKER-USER")), ForwardAccept.in(host.snapshot().firewall()));
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("br0"));
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
            assertTrue(refusal(changes, new FirewallIntent.AcceptBridgeTraffic("eth0")).contains("not a bridge"));
            String missing = refusal(changes, new FirewallIntent.AcceptBridgeTraffic("nope0"));
            assertTrue(missing.contains("bridges: ") && missing.contains("virbr0"), missing);
            assertTrue(refusal(changes, new FirewallIntent.AcceptBridgeTraffic("bad name!")).contains("bridge"));
            assertTrue(refusal(changes, new FirewallIntent.RemoveBridgeAccept("virbr0")).contains("none"));
            changes.apply(changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0")));
            assertTrue(refusal(changes, new FirewallIntent.AcceptBridgeTraffic("virbr0")).contains("already"));
        }
        SimulatedHost nothingDrops = nftHost(new FirewallChain("inet filter", "forward", "filter", "forward", 0,
                "ACCEPT"), List.of());
        try (Changes changes = new Changes(nothingDrops, RoundTripTest.SIM, state.resolve("nft"))) {
            assertTrue(refusal(changes, new FirewallIntent.AcceptBridgeTraffic("virbr0")).contains("nothing for an accept "
                    + "to override"));
        }
        SimulatedHost none = host(FirewallBackend.NONE, List.of());
        try (Changes changes = new Changes(none, RoundTripTest.SIM, state.resolve("none"))) {
            assertTrue(refusal(changes, new FirewallIntent.AcceptBridgeTraffic("virbr0")).contains("iptables or nftables"));
        }
    }

    @Test
    void onNftablesTheAcceptGoesIntoEachTableThatDropsAndUndoTakesItOut() {
        FirewallChain filter = new FirewallChain("inet filter", "forward", "filter", "forward", 0, "DROP");
        FirewallChain libvirt = new FirewallChain("ip libvirt_network", "forward", "filter", "forward", 0, "ACCEPT");
        FirewallChain strict = new FirewallChain("ip strict", "fwd", "filter", "forward", -5, "ACCEPT");
        FirewallRule libvirtReject = nftRule("ip libvirt_network", "guest_output", "REJECT", Optional.of("virbr0"),
                "iifname \"virbr0\" counter reject");
        FirewallRule strictDrop = nftRule("ip strict", "fwd", "DROP", Optional.empty(), "ip daddr 203.0.113.0/24 drop");
        FirewallChain docker = new FirewallChain("ip docker-bridges", "filter-FORWARD", "filter", "forward", 0,
                "ACCEPT");
        FirewallRule dockerDrop = nftRule("ip docker-bridges", "filter-forward-in__docker0", "DROP", Optional.empty(),
                "counter drop comment \"DROP\"");
        SimulatedHost host = nftHost(List.of(filter, libvirt, strict, docker), List.of(libvirtReject, strictDrop,
                dockerDrop));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of(
                    "nft insert rule ip strict fwd oifname virbr0 ct state established,related accept comment "
                            + "'\"virtwire:accept:virbr0\"'",
                    "nft insert rule ip strict fwd iifname virbr0 accept comment '\"virtwire:accept:virbr0\"'",
                    "nft insert rule inet filter forward oifname virbr0 ct state established,related accept comment "
                            + "'\"virtwire:accept:virbr0\"'",
                    "nft insert rule inet filter forward iifname virbr0 accept comment '\"virtwire:accept:virbr0\"'"),
                    plan.commands(), "lowest priority first; libvirt's and Docker's own tables are not ones to override");
            assertTrue(plan.operations().get(0).describe().contains("ip strict/fwd, which drops it")
                    && plan.operations().get(0).describe().contains("gone after reboot"), plan.operations().get(0).describe());
            changes.apply(plan);
            assertEquals(List.of(new ForwardAccept("virbr0", "ip strict", "fwd"),
                            new ForwardAccept("virbr0", "inet filter", "forward")),
                    ForwardAccept.in(host.snapshot().firewall()).stream().sorted(
                            java.util.Comparator.comparing(ForwardAccept::table).reversed()).toList());
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertEquals(4, remove.commands().size(), remove.commands().toString());
            assertTrue(remove.commands().contains("nft -a list chain inet filter forward"), remove.commands().toString());
            changes.undo();
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()));
        }
    }

    @Test
    void onAnIptablesHostANativeTableThatDropsGetsItsOwnAccept() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        FirewallChain iptables = new FirewallChain("filter", "FORWARD", "filter", "forward", 0, "ACCEPT");
        FirewallChain debian = new FirewallChain("inet filter", "forward", "filter", "forward", 0, "DROP");
        SimulatedHost host = new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                Map.of("filter/FORWARD", "ACCEPT", "inet filter/forward", "DROP"), List.of(),
                List.of(iptables, debian), List.of())));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of(new ForwardAccept("virbr0", "FORWARD"), new ForwardAccept("virbr0", "inet filter",
                            "forward")),
                    plan.operations().stream().map(o -> ((dev.virtwire.change.op.ForwardAcceptOp) o).accept()).toList(),
                    "an iptables accept alone would leave Debian's inet filter dropping");
            changes.apply(plan);
            changes.undo();
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()));
        }
    }

    @Test
    void whereNftablesConfDeclaresTheTableTheAcceptIsSavedThereAndUndoGivesTheFileBack() {
        String conf = "flush ruleset\ntable inet filter {\n  chain forward {\n    type filter hook forward priority "
                + "filter; policy drop;\n  }\n}\n";
        FirewallChain filter = new FirewallChain("inet filter", "forward", "filter", "forward", 0, "DROP");
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        SimulatedHost host = new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.NFTABLES,
                Map.of("inet filter/forward", "DROP"), List.of(), List.of(filter), List.of(), Optional.of(conf))));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(2, plan.operations().size(), plan.commands().toString());
            assertTrue(plan.commands().contains("tee /etc/.nftables.conf.virtwire-new"), plan.commands().toString());
            assertTrue(plan.commands().contains("mv -f /etc/.nftables.conf.virtwire-new /etc/nftables.conf"),
                    plan.commands().toString());
            assertTrue(plan.operations().get(1).describe().startsWith("Save virbr0's accept in /etc/nftables.conf")
                    && plan.operations().get(1).describe().contains("there after a reboot"),
                    plan.operations().get(1).describe());
            assertFalse(plan.operations().get(0).describe().contains("gone after reboot"),
                    plan.operations().get(0).describe());
            changes.apply(plan);
            String saved = host.snapshot().firewall().nftablesConf().orElseThrow();
            assertTrue(saved.startsWith(conf) && saved.contains("iifname virbr0 accept"), saved);
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertTrue(remove.operations().get(0).describe().startsWith("Stop saving virbr0's accept"),
                    remove.operations().get(0).describe());
            changes.undo();
            assertEquals(Optional.of(conf), host.snapshot().firewall().nftablesConf());
            assertEquals(List.of(), ForwardAccept.in(host.snapshot().firewall()));
        }
    }

    /**
     * firewalld rewrites its table on every reload: the bridge goes into its trusted zone through firewall-cmd,
     * at run time and permanently, and undo takes it out again (back to the default zone).
     */
    @Test
    void whereFirewalldDropsTheBridgeGoesIntoItsTrustedZoneThroughFirewallCmd() {
        SimulatedHost host = firewalldHost(List.of());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("firewall-cmd --zone=trusted --add-interface=virbr0",
                    "firewall-cmd --permanent --zone=trusted --add-interface=virbr0"), plan.commands());
            changes.apply(plan);
            assertEquals(Optional.of("trusted"), FirewalldZones.of(host.snapshot().firewall(), "virbr0"));
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertEquals(List.of("firewall-cmd --zone=trusted --remove-interface=virbr0",
                    "firewall-cmd --permanent --zone=trusted --remove-interface=virbr0"), remove.commands());
            changes.undo();
            assertEquals(Optional.empty(), FirewalldZones.of(host.snapshot().firewall(), "virbr0"));
        }
    }

    /**
     * Fedora's and RHEL's firewalld has libvirt's own zones: a libvirt network's bridge goes back into the zone
     * libvirt puts it in (libvirt for NAT and isolated networks, libvirt-routed for routed ones where its policy
     * libvirt-routed-out exists), not into trusted, which would also open the host to the guests; a bridge of the
     * admin's (br0, libvirt's bridge-mode network) still goes into trusted.
     */
    @Test
    void whereFirewalldHasLibvirtsZonesTheBridgeGoesBackIntoLibvirtsZone() {
        HostSnapshot plain = firewalldHost(List.of()).snapshot();
        SimulatedHost host = new SimulatedHost(plain.withFirewall(plain.firewall().withFirewalld(
                Optional.of(libvirtZones()))));
        HostSnapshot s = host.snapshot();
        assertEquals("libvirt", FirewalldZones.forBridge(s, "virbr0"), "NAT");
        assertEquals("libvirt", FirewalldZones.forBridge(s, "virbr1"), "isolated");
        assertEquals("libvirt-routed", FirewalldZones.forBridge(s, "virbr2"), "routed");
        assertEquals("trusted", FirewalldZones.forBridge(s, "br0"), "the admin's bridge");
        assertEquals("trusted", FirewalldZones.forBridge(firewalldHost(List.of()).snapshot(), "virbr0"),
                "no libvirt zone (Debian's)");
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("firewall-cmd --zone=libvirt --add-interface=virbr0",
                    "firewall-cmd --permanent --zone=libvirt --add-interface=virbr0"), plan.commands());
            changes.apply(plan);
            assertEquals(Optional.of("libvirt"), FirewalldZones.of(host.snapshot().firewall(), "virbr0"));
            changes.undo();
            assertEquals(Optional.empty(), FirewalldZones.of(host.snapshot().firewall(), "virbr0"));
        }
    }

    /** libvirt's zones and policies as libvirt's packages install them, listed by firewall-cmd. */
    private static dev.virtwire.model.FirewalldSettings libvirtZones() {
        return new dev.virtwire.model.FirewalldSettings(List.of(
                new dev.virtwire.model.FirewalldZone("libvirt", false, false, "ACCEPT", List.of(), List.of(),
                        List.of(), List.of(), true, true),
                new dev.virtwire.model.FirewalldZone("libvirt-routed", false, false, "default", List.of(), List.of(),
                        List.of(), List.of(), true, true),
                new dev.virtwire.model.FirewalldZone("public", true, true, "default", List.of(), List.of(),
                        List.of(), List.of(), true, true)),
                List.of(new dev.virtwire.model.FirewalldPolicy("libvirt-routed-out", false, List.of("libvirt-routed"),
                        List.of("ANY"), "ACCEPT", -1, List.of(), List.of(), true, true)));
    }

    @Test
    void whereFirewalldHasTheBridgeInAnotherZoneItIsRefusedWithTheCommandToMoveIt() {
        SimulatedHost host = firewalldHost(List.of(FirewalldZones.dispatch("virbr0", "public")));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            String refused = refusal(changes, new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertTrue(refused.contains("firewall-cmd --zone=trusted --change-interface=virbr0"), refused);
        }
    }

    private static SimulatedHost firewalldHost(List<FirewallRule> more) {
        FirewallChain firewalld = new FirewallChain("inet firewalld", "filter_FORWARD", "filter", "forward", 10,
                "ACCEPT");
        List<FirewallRule> rules = new java.util.ArrayList<>(more);
        rules.add(nftRule("inet firewalld", "filter_FORWARD", "REJECT", Optional.empty(),
                "reject with icmpx admin-prohibited"));
        return nftHost(List.of(firewalld), rules);
    }

    private static FirewallRule nftRule(String table, String chain, String verdict, Optional<String> in, String text) {
        return new FirewallRule(table, chain, verdict, Optional.empty(), Optional.empty(), in, Optional.empty(),
                Optional.empty(), text);
    }

    private static SimulatedHost nftHost(FirewallChain chain, List<FirewallRule> rules) {
        return nftHost(List.of(chain), rules);
    }

    private static SimulatedHost nftHost(List<FirewallChain> chains, List<FirewallRule> rules) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        Map<String, String> policies = new java.util.LinkedHashMap<>();
        chains.forEach(c -> policies.put(c.key(), c.policy()));
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.NFTABLES, policies, rules, chains,
                List.of())));
    }

    private static String refusal(Changes changes, Intent intent) {
        return assertThrows(ChangeRefused.class, () -> changes.plan(intent)).getMessage();
    }

    private static SimulatedHost host(FirewallBackend backend, List<FirewallRule> rules) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        return new SimulatedHost(demo.withFirewall(new FirewallState(backend, Map.of("filter/FORWARD", "DROP"), rules)));
    }
}
