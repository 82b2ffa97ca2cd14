package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.FirewalldAcceptOp;
import dev.virtwire.change.op.FirewalldForwardPortOp;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewallToolFound;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port forwards on a firewalld host with libvirt's iptables rules (firewalld 1.3, libvirt 9): firewalld's forward
 * port in the uplink's zone and the forward's accept ahead of libvirt's reject through firewalld's direct rules,
 * both at run time and --permanent; libvirt's jump kept after the accepts with the first forward only; undo gives
 * the rules back; bad zones are refused before anything runs.
 */
class FirewalldForwardTest {
    private static final FirewallIntent.AddPortForward WEB_ADD = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);

    @TempDir
    Path state;

    @Test
    void theForwardIsAForwardPortInTheUplinksZoneAndADirectAcceptBothPermanentAndUndoGivesTheRulesBack() {
        SimulatedHost host = firewalldHost(List.of());
        List<FirewallRule> before = host.snapshot().firewall().rules();
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(WEB_ADD);
            assertEquals(List.of(FirewalldForwardPortOp.class, FirewalldAcceptOp.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            String spec = "--add-forward-port=port=8080:proto=tcp:toport=80:toaddr=192.168.122.10";
            String accept = "ipv4 filter FORWARD 0 -d 192.168.122.10/32 -o virbr0 -p tcp --dport 80 -m conntrack "
                    + "--ctstate DNAT -m comment --comment virtwire:fwd:tcp:8080:192.168.122.10:80 -j ACCEPT";
            assertEquals(List.of("firewall-cmd --zone=public " + spec, "firewall-cmd --permanent --zone=public " + spec,
                    "firewall-cmd --direct --add-rule " + accept, "firewall-cmd --permanent --direct --add-rule "
                            + accept, "firewall-cmd --permanent --direct --add-chain ipv4 filter LIBVIRT_FWI",
                    "firewall-cmd --permanent --direct --add-rule ipv4 filter FORWARD 1 -j LIBVIRT_FWI"),
                    plan.commands());
            changes.apply(plan);
            FirewallState after = host.snapshot().firewall();
            assertEquals(List.of(new FirewalldForwardPorts.Found(WEB, "public")), FirewalldForwardPorts.in(after));
            assertEquals(List.of(WEB), changes.portForwards(), "listed once, though both steps name it");

            Plan remove = changes.plan(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
            assertEquals(List.of(FirewalldAcceptOp.class, FirewalldForwardPortOp.class),
                    remove.operations().stream().map(Object::getClass).toList());
            assertTrue(remove.commands().contains("firewall-cmd --permanent --direct --remove-chain ipv4 filter "
                    + "LIBVIRT_FWI"), "the last forward takes libvirt's kept jump away: " + remove.commands());

            changes.undo();
            assertEquals(before, host.snapshot().firewall().rules(), "undo leaves the rules as they were");
        }
    }

    @Test
    void aForwardFromSomeSourcesOnlyIsARichRuleInTheZoneBothWaysAndUndoGivesTheRulesBack() {
        SimulatedHost host = firewalldHost(List.of());
        List<FirewallRule> before = host.snapshot().firewall().rules();
        String rule = "rule family=\"ipv4\" source address=\"10.77.0.0/24\" forward-port port=\"8080\" protocol=\"tcp\" "
                + "to-port=\"80\" to-addr=\"192.168.122.10\"";
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80, "",
                    "10.77.0.0/24"));
            assertEquals(List.of("firewall-cmd --zone=public '--add-rich-rule=" + rule + "'",
                    "firewall-cmd --permanent --zone=public '--add-rich-rule=" + rule + "'"),
                    plan.commands().subList(0, 2), "the exact commands: a rich rule, not a forward port");
            assertTrue(plan.commands().stream().anyMatch(c -> c.startsWith("firewall-cmd --direct --add-rule")),
                    "with the accept ahead of libvirt's reject, as any forward");
            changes.apply(plan);
            assertEquals(List.of(new FirewalldForwardPorts.Found(WEB, "public", "10.77.0.0/24")),
                    FirewalldForwardPorts.in(host.snapshot().firewall()));

            Plan remove = changes.plan(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
            assertTrue(remove.commands().contains("firewall-cmd --permanent --zone=public '--remove-rich-rule=" + rule
                    + "'"), remove.commands()::toString);
            changes.undo();
            assertEquals(before, host.snapshot().firewall().rules(), "undo leaves the rules as they were");
        }
    }

    @Test
    void aSourceIsChecked() {
        SimulatedHost host = firewalldHost(List.of());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            ChangeRefused notNetwork = assertThrows(ChangeRefused.class, () -> changes.plan(
                    new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80, "", "10.77.0.10/24")));
            assertTrue(notNetwork.getMessage().contains("give 10.77.0.0/24 (or 10.77.0.10 for that host alone)"),
                    notNetwork.getMessage());
            assertTrue(assertThrows(ChangeRefused.class, () -> changes.plan(new FirewallIntent.AddPortForward("tcp",
                    8080, "192.168.122.10", 80, "", "0.0.0.0/0"))).getMessage().contains("every address"));
            assertTrue(assertThrows(ChangeRefused.class, () -> changes.plan(new FirewallIntent.AddPortForward("tcp",
                    8080, "192.168.122.10", 80, "", "10.77.0.300"))).getMessage().contains("not an IPv4 address"));
        }
    }

    @Test
    void theCapturedRichRulesForwardIsReadWithItsSource() {
        FirewallState captured = dev.virtwire.host.firewall.FirewalldPolicyFixture.state("rejects");
        assertEquals(List.of(new FirewalldForwardPorts.Found(WEB, "public", "10.0.0.0/8")),
                FirewalldForwardPorts.in(captured));
    }

    @Test
    void aSecondForwardLeavesLibvirtsKeptJumpToTheFirst() {
        SimulatedHost host = firewalldHost(List.of(FirewalldForwardPorts.rule(WEB, "public"),
                PortForwardRules.rules(FirewallBackend.IPTABLES_NFT, WEB, "virbr0").get(1)));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AddPortForward("udp", 5353, "192.168.122.11", 53));
            assertFalse(plan.commands().toString().contains("LIBVIRT_FWI"), plan.commands().toString());
            changes.apply(plan);
            Plan remove = changes.plan(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
            assertFalse(remove.commands().toString().contains("LIBVIRT_FWI"),
                    "another forward's accept still needs it: " + remove.commands());
        }
    }

    @Test
    void aZoneIsNamedAsFirewalldNamesThemAndMustGetPackets() {
        SimulatedHost host = firewalldHost(List.of());
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            assertTrue(refusal(changes, zone("pub lic")).contains("is not a firewalld zone name"));
            assertTrue(refusal(changes, zone("a-zone-name-too-long")).contains("1 to 17 letters"));
            assertTrue(refusal(changes, zone("dmz")).contains("zone dmz gets no packets"));
            assertTrue(refusal(changes, zone("dmz")).contains("[public]"), "says which zones do");
            Plan named = changes.plan(zone("public"));
            assertTrue(named.commands().get(0).startsWith("firewall-cmd --zone=public "), named.commands().get(0));
        }
        SimulatedHost noFirewalld = new SimulatedHost(SimulatedHost.demo().snapshot());
        try (Changes changes = new Changes(noFirewalld, RoundTripTest.SIM, state.resolve("plain"))) {
            assertTrue(refusal(changes, zone("public")).contains("this host runs no firewalld"));
        }
    }

    @Test
    void aForwardPortInTheZoneAlreadyIsRefusedAndSoIsLibvirtsOwnNftablesTable() {
        SimulatedHost taken = firewalldHost(List.of(FirewalldForwardPorts.rule(
                new PortForward("tcp", 8080, "192.168.122.99", 22), "public")));
        try (Changes changes = new Changes(taken, RoundTripTest.SIM, state)) {
            assertTrue(refusal(changes, WEB_ADD).contains("forwards host port 8080/tcp already (tcp 8080 -> "
                    + "192.168.122.99:22)"));
        }
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        List<FirewallRule> libvirt10 = new ArrayList<>(demo.firewall().rules());
        libvirt10.add(dispatch());
        SimulatedHost nft = new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.NFTABLES,
                demo.firewall().policies(), libvirt10, demo.firewall().chains(), List.of(firewalld()))));
        try (Changes changes = new Changes(nft, RoundTripTest.SIM, state.resolve("nft"))) {
            assertTrue(refusal(changes, WEB_ADD).contains("libvirt's own nftables table"));
        }
    }

    @Test
    void theReaderFindsFirewalldsForwardPortsAndTheZoneOfALink() {
        FirewallState fw = firewalldHost(List.of(FirewalldForwardPorts.rule(WEB, "public"), new FirewallRule(
                "inet firewalld", "nat_PRE_public_allow", "REDIRECT", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "meta nfproto ipv4 tcp dport 80 redirect to :8080"),
                new FirewallRule("inet firewalld", "nat_PREROUTING_ZONES", "nat_PRE_internal", Optional.empty(),
                        Optional.empty(), Optional.of("eth1"), Optional.empty(), Optional.empty(),
                        "iifname \"eth1\" goto nat_PRE_internal"))).snapshot().firewall();
        assertEquals(List.of(new FirewalldForwardPorts.Found(WEB, "public")), FirewalldForwardPorts.in(fw),
                "a redirect to a local port is no forward to a guest");
        assertEquals(Optional.of("internal"), FirewalldForwardPorts.zoneOf(fw, "eth1"));
        assertEquals(Optional.of("public"), FirewalldForwardPorts.zoneOf(fw, "eth0"), "the default zone's");
    }

    /**
     * firewalld 1.3's real table (virbr0 in the trusted zone, the default zone public) with the rule firewalld adds
     * for {@code --zone=public --add-forward-port=port=8080:proto=tcp:toport=80:toaddr=192.168.122.10} (its
     * build_policy_forward_port_rules), read as the host's reader reads {@code nft -j list ruleset}.
     */
    @Test
    void firewalldsOwnTableIsReadIntoItsForwardPortsAndZones() throws java.io.IOException {
        String json;
        try (var in = getClass().getResourceAsStream("/dev/virtwire/diagnose/rules/firewalld-1.3/trusted.nft.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String rule = "{\"rule\": {\"family\": \"inet\", \"table\": \"firewalld\", \"chain\": \"nat_PRE_public_allow\", "
                + "\"handle\": 999, \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"nfproto\"}}, "
                + "\"right\": \"ipv4\"}}, {\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", "
                + "\"field\": \"dport\"}}, \"right\": 8080}}, {\"dnat\": {\"family\": \"ip\", \"addr\": \"192.168.122.10\", "
                + "\"port\": 80}}]}}";
        int end = json.lastIndexOf(']');
        FirewallState fw = dev.virtwire.host.firewall.FirewallReader.combine(Optional.empty(), Optional.empty(),
                Optional.of(json.substring(0, end) + ", " + rule + json.substring(end)), false);
        assertEquals(List.of(new FirewalldForwardPorts.Found(WEB, "public")), FirewalldForwardPorts.in(fw));
        assertEquals(Optional.of("public"), FirewalldForwardPorts.zoneOf(fw, "eth0"));
        assertEquals(Optional.of("trusted"), FirewalldForwardPorts.zoneOf(fw, "virbr0"));
        assertEquals(List.of("trusted", "public"), FirewalldForwardPorts.activeZones(fw));
    }

    private static FirewallIntent.AddPortForward zone(String zone) {
        return new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80, zone);
    }

    private static String refusal(Changes changes, Intent intent) {
        return assertThrows(ChangeRefused.class, () -> changes.plan(intent)).getMessage();
    }

    /** firewalld 1.3 with libvirt 9's iptables rules: the default zone public, libvirt's jump and reject. */
    static SimulatedHost firewalldHost(List<FirewallRule> more) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        List<FirewallRule> rules = new ArrayList<>(more);
        rules.add(dispatch());
        rules.add(iptables("FORWARD", "LIBVIRT_FWI", Optional.empty(), "-A FORWARD -j LIBVIRT_FWI"));
        rules.add(iptables("LIBVIRT_FWI", "REJECT", Optional.of("virbr0"), "-A LIBVIRT_FWI -o virbr0 -j REJECT"));
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                Map.of("filter/FORWARD", "ACCEPT"), rules, List.of(), List.of(firewalld()))));
    }

    private static FirewallToolFound firewalld() {
        return new FirewallToolFound(FirewallTool.FIREWALLD, true, "table inet firewalld");
    }

    private static FirewallRule dispatch() {
        return new FirewallRule("inet firewalld", "nat_PREROUTING_ZONES", "nat_PRE_public", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "goto nat_PRE_public");
    }

    private static FirewallRule iptables(String chain, String verdict, Optional<String> out, String text) {
        return new FirewallRule("filter", chain, verdict, Optional.empty(), Optional.empty(), Optional.empty(), out,
                Optional.empty(), text);
    }
}
