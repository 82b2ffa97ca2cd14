package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.FleetHop;
import dev.virtwire.diagnose.fleet.PathAcrossHosts;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths between guests of two simulated hosts: the demo host and edited copies of it on the same LAN. */
class PathAcrossHostsTest {
    /** kvm2: the demo on the same LAN at another address, its nas and backup at others too. */
    private static final String NEIGHBOUR = """
            {"links": {"eth0": {"addresses": ["192.168.1.21/24"]}%s},
             "guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"addresses": [{"ip": "192.168.1.61/24", "origin": "arp"}]}}},
                        "backup": {"nics": {"52:54:00:3a:10:0d": {"addresses": [{"ip": "192.168.1.63/24", "origin": "arp"}]}}}}}""";

    private static HostSnapshot neighbour() {
        return neighbourWith("");
    }

    /** The neighbour with more link edits, e.g. {@code , "vnet3": {"state": "down"}}. */
    private static HostSnapshot neighbourWith(String links) {
        return DemoEdits.demoWith(NEIGHBOUR.formatted(links));
    }

    private static PathAcrossHosts.Side side(String name, HostSnapshot snapshot) {
        return new PathAcrossHosts.Side(name, snapshot, new Troubleshooter(), Probes.none());
    }

    private static DiagnosisAcrossHosts diagnose(HostSnapshot kvm1, String guest, HostSnapshot kvm2, String target) {
        return PathAcrossHosts.diagnose(side("kvm1", kvm1), guest, Optional.empty(), side("kvm2", kvm2), target);
    }

    private static List<String> hops(DiagnosisAcrossHosts d) {
        return d.path().stream().map(FleetHop::describe).toList();
    }

    @Test
    void aNatGuestReachesABridgedGuestOfTheOtherHostOverTheirSharedLan() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", neighbour(), "nas");
        assertEquals("kvm1:web1", d.from());
        assertEquals("guest:kvm2:nas", d.to());
        List<String> hops = hops(d);
        assertEquals("kvm1 guest:web1", hops.get(0));
        assertTrue(hops.contains("kvm1 link:eth0"), "web1 leaves kvm1 by its uplink: " + hops);
        assertTrue(hops.contains("segment:192.168.1.0/24"), hops.toString());
        assertEquals(List.of("kvm2 link:eth1", "kvm2 link:br0", "kvm2 link:vnet3", "kvm2 nic:nas/52:54:00:3a:10:04",
                "kvm2 guest:nas"), hops.subList(hops.size() - 5, hops.size()), "nas's side, from the LAN to nas");
        assertEquals(Optional.empty(), d.brokenHop(), d.toString());
        assertFalse(d.reachable().equals(Optional.of(false)), d.toString());
        assertEquals("192.168.1.61", d.there().diagnosis().target(), "kvm1's half goes to nas's LAN address");
        assertEquals("192.168.1.20", d.back().diagnosis().target(), "nas answers web1 at kvm1's address (NAT)");
        assertTrue(d.segment().contains("kvm2: eth0 192.168.1.21/24 on the LAN 192.168.1.0/24 via 192.168.1.1"),
                d.segment().toString());
    }

    @Test
    void aTapDownOnTheOtherHostIsTheBrokenHopThere() {
        HostSnapshot kvm2 = neighbourWith(", \"vnet3\": {\"state\": \"down\", \"admin_up\": false}");
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", kvm2, "nas");
        assertEquals(Optional.of(false), d.reachable(), d.toString());
        FleetHop broken = d.brokenHop().orElseThrow();
        assertEquals(Optional.of("kvm2"), broken.host(), d.path().toString());
        assertEquals("link:vnet3", broken.node());
        assertTrue(d.back().diagnosis().finding(broken.finding().orElseThrow()).isPresent(),
                "the hop is marked by kvm2's own finding: " + broken);
    }

    @Test
    void anUplinkDownOnTheSourceHostIsTheBrokenHopThere() {
        HostSnapshot kvm1 = DemoEdits.demoWith("""
                {"links": {"eth0": {"state": "down", "admin_up": false}}}""");
        DiagnosisAcrossHosts d = diagnose(kvm1, "web1", neighbour(), "nas");
        assertEquals(Optional.of(false), d.reachable());
        assertEquals("kvm1 link:eth0", d.brokenHop().orElseThrow().describe(), d.path().toString());
    }

    @Test
    void aGuestBehindNatOnTheOtherHostCannotBeReachedFromIt() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "nas", neighbour(), "web1");
        assertEquals(Optional.of(false), d.reachable());
        assertEquals(List.of("guest-hidden-from-lan"), d.between().stream().map(f -> f.id()).toList());
        assertEquals("kvm2 network:default", d.brokenHop().orElseThrow().describe(), "where the way in ends");
        assertEquals("192.168.1.21", d.there().diagnosis().target(), "traffic for web1 could only go to kvm2");
        assertTrue(d.between().get(0).steps().get(1).contains("virtwire forward add tcp HOST-PORT 192.168.122.10:PORT"),
                d.between().get(0).steps().toString());
    }

    @Test
    void aVlanTheOtherHostsTrunkDoesNotCarryIsMissingThere() {
        String trunk = """
                , "br0": {"bridge": {"stp": false, "vlan_filtering": true}},
                  "eth1": {"port": {"state": "forwarding", "vlans": %s, "pvid": 1}},
                  "vnet3": {"port": {"state": "forwarding", "vlans": [42], "pvid": 42}}""";
        HostSnapshot kvm1 = DemoEdits.demoWith("{\"links\": {" + trunk.formatted("[1, 42]").strip().substring(1) + "}}");
        HostSnapshot kvm2 = neighbourWith(trunk.formatted("[1]"));
        DiagnosisAcrossHosts d = diagnose(kvm1, "nas", kvm2, "backup");
        assertEquals(Optional.of(false), d.reachable(), d.toString());
        assertEquals("vlan-missing-on-host", d.between().get(0).id(), d.between().toString());
        assertEquals("kvm2 link:eth1", d.brokenHop().orElseThrow().describe(), d.path().toString());
        assertTrue(d.between().get(0).evidence().contains("kvm2: eth1 (port of br0, which filters VLANs) carries "
                + "VLANs [1], untagged 1"), d.between().get(0).evidence().toString());

        DiagnosisAcrossHosts carried = diagnose(kvm1, "nas", neighbourWith(trunk.formatted("[1, 42]")), "backup");
        assertEquals(List.of(), carried.between(), "both trunks carry VLAN 42");
    }

    @Test
    void hostsOnDifferentLansLeaveTheWayBetweenThemUnchecked() {
        HostSnapshot elsewhere = DemoEdits.demoWith("""
                {"links": {"eth0": {"addresses": ["10.0.0.5/24"]}},
                 "routes": {"default": {"gateway": "10.0.0.1"}, "192.168.1.0/24": null},
                 "guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"addresses": [{"ip": "10.0.0.51/24", "origin": "arp"}]}}}}}""");
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", elsewhere, "nas");
        assertEquals("segment:192.168.1.0/24>10.0.0.0/24", d.path().stream().filter(h -> h.host().isEmpty())
                .findFirst().orElseThrow().node());
        assertTrue(d.unchecked().stream().anyMatch(u -> u.startsWith("what routes between kvm1's LAN")), d.unchecked()
                .toString());
        assertEquals(Optional.empty(), d.reachable());
    }

    @Test
    void aCloneOfTheTargetOnTheSourceHostKeepsTheTraffic() {
        DiagnosisAcrossHosts d = diagnose(DemoEdits.demo(), "web1", DemoEdits.demoWith("""
                {"links": {"eth0": {"addresses": ["192.168.1.21/24"]}}}"""), "nas");
        assertEquals(Optional.of(false), d.reachable());
        assertEquals("duplicate-ip", d.between().get(0).id());
        assertEquals("kvm1 nic:nas/52:54:00:3a:10:04", d.brokenHop().orElseThrow().describe(), "kvm1's own nas has "
                + "the address: " + d.path());
    }

    @Test
    void aGuestMissingOnItsHostIsRefusedNamingTheHost() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> diagnose(DemoEdits.demo(), "web1", neighbour(), "nope"));
        assertTrue(e.getMessage().startsWith("there is no guest named 'nope' on kvm2"), e.getMessage());
    }
}
