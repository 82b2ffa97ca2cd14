package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.diagnose.fleet.PathAcrossHosts;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A path to a guest behind NAT on another host goes in through a port forward; one limited by source ({@code
 * forward add --from}) lets in only those. kvm1 is the demo host (web1 behind NAT shows on the LAN as 192.168.1.20,
 * nas bridged onto it at 192.168.1.51); kvm2 is the demo at 192.168.1.21 on the same LAN, its web1
 * (192.168.122.10) reached by the forwards each test gives it.
 */
class ForwardSourceAcrossHostsTest {
    private static final String C = "virtwire:fwd:tcp:8080:192.168.122.10:80";

    /** Virtwire's forward on kvm2's nftables, as the reader lists its DNAT and libvirt's accept. */
    private static String forward(String comment, int hostPort, String from) {
        return """
                {"table": "ip virtwire", "chain": "prerouting", "verdict": "DNAT", "source": "%3$s",
                 "comment": "%1$s", "text": "ip saddr %3$s tcp dport %2$d dnat to 192.168.122.10:80 comment \\"%1$s\\""},
                {"table": "ip libvirt_network", "chain": "guest_input", "verdict": "ACCEPT", "source": "%3$s",
                 "destination": "192.168.122.10", "out": "virbr0", "comment": "%1$s",
                 "text": "oifname \\"virbr0\\" ip saddr %3$s ip daddr 192.168.122.10 tcp dport 80 ct status dnat accept"}
                """.formatted(comment, hostPort, from);
    }

    private static HostSnapshot kvm2(String rules) {
        return kvm2With(rules, "192.168.1.21/24", "");
    }

    private static HostSnapshot kvm2With(String rules, String address, String routes) {
        return DemoEdits.demoWith("""
                {"links": {"eth0": {"addresses": ["%s"]}}%s,
                 "guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"addresses": [{"ip": "192.168.1.61/24", "origin": "arp"}]}}},
                            "backup": {"nics": {"52:54:00:3a:10:0d": {"addresses": [{"ip": "192.168.1.63/24", "origin": "arp"}]}}}},
                 "firewall": {"rules+": [%s]}}""".formatted(address, routes, rules));
    }

    private static DiagnosisAcrossHosts diagnose(HostSnapshot kvm1, String guest, HostSnapshot kvm2) {
        return PathAcrossHosts.diagnose(new PathAcrossHosts.Side("kvm1", kvm1, new Troubleshooter(), Probes.none()),
                guest, Optional.empty(), new PathAcrossHosts.Side("kvm2", kvm2, new Troubleshooter(), Probes.none()),
                "web1");
    }

    private static Optional<FleetFinding> excluded(DiagnosisAcrossHosts d) {
        return d.between().stream().filter(f -> f.id().equals("forward-source-excluded")).findFirst();
    }

    @Test
    void aForwardForAnotherNetworkOnlyBreaksThePathFromABridgedGuestAtTheWayIn() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", kvm2(forward(C, 8080, "10.77.0.0/24")));
        assertEquals(Optional.of(false), d.reachable(), d.toString());
        FleetFinding f = excluded(d).orElseThrow(() -> new AssertionError(d.between().toString()));
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("kvm2 network:default", d.brokenHop().orElseThrow().describe(), d.path().toString());
        assertEquals(Optional.of("forward-source-excluded"), d.brokenHop().orElseThrow().finding());
        assertEquals("kvm2's port forward to web1 is for 10.77.0.0/24 only: kvm1:nas's traffic comes from "
                + "192.168.1.51", f.title());
        assertTrue(f.evidence().contains("kvm2: port forward tcp 8080 -> 192.168.122.10:80 (from 10.77.0.0/24 only), "
                + "its DNAT ip virtwire/prerouting: ip saddr 10.77.0.0/24 tcp dport 8080 dnat to 192.168.122.10:80 "
                + "comment \"" + C + "\""), f.evidence().toString());
        assertTrue(f.evidence().contains("kvm1:nas's connections reach kvm2 from 192.168.1.51, which is not in "
                + "10.77.0.0/24"), f.evidence().toString());
        assertEquals(List.of("for tcp 8080 -> 192.168.122.10:80 (from 10.77.0.0/24 only) on kvm2: a forward of its "
                        + "own for 192.168.1.51 only, on a host port of your choosing: virtwire forward add tcp "
                        + "HOST-PORT 192.168.122.10:80 --from 192.168.1.51",
                "widening it is not offered: the smallest network holding both 10.77.0.0/24 and 192.168.1.51 is "
                        + "0.0.0.0/0, which reaches beyond the LAN 192.168.1.0/24"), f.steps());
        assertFalse(d.between().stream().anyMatch(x -> x.id().equals("guest-hidden-from-lan")),
                "a forward leads in, for others: " + d.between());
    }

    @Test
    void aNatGuestComesFromItsHostsAddressAndTheForwardMayBeWidenedWithinTheLan() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", kvm2(forward(C, 8080, "192.168.1.40")));
        FleetFinding f = excluded(d).orElseThrow(() -> new AssertionError(d.between().toString()));
        assertEquals(Optional.of(false), d.reachable());
        assertTrue(f.evidence().contains("kvm1:web1's connections reach kvm2 from 192.168.1.20, which is not in "
                + "192.168.1.40"), f.evidence().toString());
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("it shows on the LAN as kvm1 (192.168.1.20)")),
                f.evidence().toString());
        assertEquals(List.of("for tcp 8080 -> 192.168.122.10:80 (from 192.168.1.40 only) on kvm2: a forward of its "
                        + "own for 192.168.1.20 only, on a host port of your choosing: virtwire forward add tcp "
                        + "HOST-PORT 192.168.122.10:80 --from 192.168.1.20 (192.168.1.20 is kvm1's LAN address: kvm1 "
                        + "itself and every guest behind NAT there come from it)",
                "or, on kvm2, widen it to 192.168.1.0/26 (then every address in 192.168.1.0/26 gets in, not only "
                        + "192.168.1.40 and 192.168.1.20): virtwire forward remove tcp 8080 192.168.122.10:80, then "
                        + "virtwire forward add tcp 8080 192.168.122.10:80 --from 192.168.1.0/26"), f.steps());
    }

    @Test
    void aForwardThatLetsTheAskingAddressInIsNoFinding() {
        for (String from : List.of("192.168.1.0/24", "192.168.1.51", "192.168.1.51/32")) {
            DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", kvm2(forward(C, 8080, from)));
            assertEquals(Optional.empty(), excluded(d), from + ": " + d.between());
            assertEquals(Optional.empty(), d.brokenHop(), from + ": " + d.path());
            assertFalse(d.reachable().equals(Optional.of(false)), from + ": " + d);
        }
    }

    @Test
    void anotherForwardThatLetsItInLeavesTheRefusingOneAWarning() {
        String open = forward("virtwire:fwd:tcp:2222:192.168.122.10:80", 2222, "192.168.1.0/24");
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", kvm2(forward(C, 8080, "10.77.0.5") + "," + open));
        FleetFinding f = excluded(d).orElseThrow(() -> new AssertionError(d.between().toString()));
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Some of kvm2's port forwards to web1 are for other sources only: kvm1:nas's traffic, from "
                + "192.168.1.51, gets in by [tcp 2222] only", f.title());
        assertEquals(Optional.empty(), d.brokenHop(), "tcp 2222 leads in: " + d.path());
        assertFalse(d.reachable().equals(Optional.of(false)), d.toString());
    }

    @Test
    void firewalldsRichRuleIsNamedAndItsZoneKeptInTheCommands() {
        String richRule = """
                {"table": "inet firewalld", "chain": "nat_PRE_dmz_allow", "verdict": "DNAT", "source": "10.77.0.5",
                 "text": "ip saddr 10.77.0.5 tcp dport 8080 dnat ip to 192.168.122.10:80"}""";
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", kvm2(richRule));
        FleetFinding f = excluded(d).orElseThrow(() -> new AssertionError(d.between().toString()));
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.evidence().contains("kvm2: port forward tcp 8080 -> 192.168.122.10:80 (from 10.77.0.5 only), a "
                + "rich rule in firewalld's dmz zone"), f.evidence().toString());
        assertTrue(f.steps().get(0).contains("virtwire forward add tcp HOST-PORT 192.168.122.10:80 --zone dmz --from "
                + "192.168.1.20"), f.steps().toString());
    }

    @Test
    void anAskingGuestWithoutAKnownAddressLeavesItUncheckedNotBroken() {
        HostSnapshot kvm1 = DemoEdits.demoWith("""
                {"guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"addresses": []}}}}}""");
        DiagnosisAcrossHosts d = diagnose(kvm1, "nas", kvm2(forward(C, 8080, "10.77.0.0/24")));
        assertEquals(Optional.empty(), excluded(d), d.between().toString());
        assertTrue(d.unchecked().stream().anyMatch(u -> u.startsWith("kvm2: whether its port forwards to web1 for "
                + "some sources only (tcp 8080 -> 192.168.122.10:80 (from 10.77.0.0/24 only)) let kvm1:nas in: the "
                + "address its traffic comes from is not known")), d.unchecked().toString());
        assertFalse(d.reachable().equals(Optional.of(true)), d.toString());
    }

    @Test
    void aSourceThatIsNoAddressOrNetworkIsLeftUncheckedRatherThanGuessed() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", kvm2(forward(C, 8080, "{ 10.0.0.1, 10.0.0.2 }")));
        assertEquals(Optional.empty(), excluded(d), d.between().toString());
        assertTrue(d.unchecked().contains("kvm2: whether its port forwards to web1 tcp 8080 -> 192.168.122.10:80 "
                + "(from { 10.0.0.1, 10.0.0.2 } only) let kvm1:nas in (from 192.168.1.51): a source Virtwire does not "
                + "compare"), d.unchecked().toString());
        assertEquals(Optional.empty(), d.reachable());
    }

    @Test
    void onAnotherLanTheRoutersBetweenAreNotCheckedSoItIsNoFinding() {
        HostSnapshot elsewhere = kvm2With(forward(C, 8080, "10.0.0.0/24"), "10.0.0.5/24",
                ", \"routes\": {\"default\": {\"gateway\": \"10.0.0.1\"}, \"192.168.1.0/24\": null}");
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", elsewhere);
        assertEquals(Optional.empty(), excluded(d), d.between().toString());
        assertTrue(d.unchecked().stream().anyMatch(u -> u.contains("still comes from 192.168.1.51 past the routers "
                + "between the LANs")), d.unchecked().toString());
        assertEquals(Optional.empty(), d.reachable());
    }

    @Test
    void theReadmeNamesEveryIdOfTheFleetCatalog() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertEquals(List.of(), java.util.Arrays.stream(dev.virtwire.diagnose.fleet.FleetCatalog.values())
                .map(dev.virtwire.diagnose.fleet.FleetCatalog::id).filter(id -> !readme.contains("`" + id + "`"))
                .toList());
    }
}
