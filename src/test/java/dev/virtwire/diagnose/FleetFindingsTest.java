package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.SharedSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fleet-wide findings and shared segments, over demo hosts edited into clones, neighbours and strangers. */
class FleetFindingsTest {
    /** The demo host with its guests gone and another address on the same LAN. */
    private static final String EMPTY_NEIGHBOUR = """
            {"guests": [], "links": {"eth0": {"addresses": ["192.168.1.21/24"]}}}""";
    /** The demo's NAT network bridged onto the uplink: eth0 under virbr0, which holds the host's LAN address. */
    private static String dhcpBridgedOntoUplink(String hostAddress) {
        return """
                {"guests": [], "routes": {"default": {"device": "virbr0"}},
                 "links": {"eth0": {"master": "virbr0", "addresses": []},
                           "virbr0": {"addresses": ["192.168.122.1/24", "%s"]}}}""".formatted(hostAddress);
    }

    private static FleetHost up(String name, HostSnapshot snapshot) {
        return new FleetHost.Up(name, "qemu+ssh://root@" + name + "/system", snapshot);
    }

    private static List<FleetFinding> check(FleetHost... hosts) {
        return FleetCheck.of(List.of(hosts));
    }

    private static List<FleetFinding> withId(List<FleetFinding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).toList();
    }

    @Test
    void clonedHostsShareTheirLanAndEveryMacAndLanAddress() {
        List<FleetFinding> found = check(up("kvm1", DemoEdits.demo()), up("kvm2", DemoEdits.demo()));
        List<FleetFinding> macs = withId(found, "duplicate-mac");
        assertEquals(13, macs.size(), "one per NIC of the demo's guests");
        FleetFinding nas = macs.stream().filter(f -> f.title().contains("52:54:00:3a:10:04")).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, nas.severity(), "nas runs bridged onto the same LAN on both: " + nas);
        assertEquals(List.of(new FleetFinding.Place("kvm1", new Id.Nic("nas", "52:54:00:3a:10:04")),
                new FleetFinding.Place("kvm2", new Id.Nic("nas", "52:54:00:3a:10:04"))), nas.places());
        FleetFinding web1 = macs.stream().filter(f -> f.title().contains("52:54:00:3a:10:01")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, web1.severity(), "web1 is behind NAT on both hosts: " + web1);

        List<String> addresses = withId(found, "duplicate-ip").stream().map(FleetFinding::title).toList();
        assertEquals(4, addresses.size(), "eth0's, nas', media's and backup's addresses: " + addresses);
        assertTrue(addresses.get(0).startsWith("Address 192.168.1.20 is used on several hosts of the LAN "
                + "192.168.1.0/24 via 192.168.1.1"), addresses.get(0));
        assertTrue(addresses.stream().noneMatch(a -> a.contains("192.168.122.") || a.contains("192.168.1.77")),
                "NAT guests' addresses stay behind their host: " + addresses);
        assertEquals(List.of(), withId(found, "rogue-dhcp"));
    }

    @Test
    void aNeighbourWithOtherGuestsAndAddressesIsFine() {
        assertEquals(List.of(), check(up("kvm1", DemoEdits.demo()), up("kvm2", DemoEdits.demoWith(EMPTY_NEIGHBOUR))));
    }

    @Test
    void aCloneOnAnotherLanIsAWarningOnly() {
        HostSnapshot elsewhere = DemoEdits.demoWith("""
                {"links": {"eth0": {"addresses": ["10.0.0.5/24"]}},
                 "routes": {"default": {"gateway": "10.0.0.1"}, "192.168.1.0/24": null}}""");
        List<FleetFinding> found = check(up("kvm1", DemoEdits.demo()), up("far", elsewhere));
        assertTrue(withId(found, "duplicate-mac").stream().allMatch(f -> f.severity() == Severity.WARNING), found
                .toString());
        assertEquals(List.of(), withId(found, "duplicate-ip"), "different LANs: the same address is no clash");
    }

    @Test
    void aDhcpNetworkBridgedOntoALanWithItsOwnDhcpServerIsRogue() {
        // eth1 (a NIC off the host) under virbr0, which also holds a LAN address; eth0 takes its address by DHCP
        HostSnapshot host = DemoEdits.demoWith("""
                {"links": {"eth1": {"master": "virbr0"},
                           "virbr0": {"addresses": ["192.168.122.1/24", "192.168.1.30/24"]}}}""");
        List<FleetFinding> rogue = withId(check(up("kvm1", host)), "rogue-dhcp");
        assertEquals(1, rogue.size(), rogue.toString());
        assertEquals("Network default on kvm1 hands out addresses on the LAN 192.168.1.0/24 via 192.168.1.1, where "
                + "another DHCP server answers too", rogue.get(0).title());
        assertTrue(rogue.get(0).evidence().contains("also answering there: the LAN's own DHCP server: kvm1 takes its "
                + "address on eth0 by DHCP (NetworkManager Wired connection 1)"), rogue.get(0).evidence().toString());
    }

    @Test
    void twoHostsBridgingDhcpOntoOneLanAreEachRogue() {
        List<FleetFinding> rogue = withId(check(up("kvm1", DemoEdits.demoWith(dhcpBridgedOntoUplink("192.168.1.20/24"))),
                up("kvm2", DemoEdits.demoWith(dhcpBridgedOntoUplink("192.168.1.21/24")))), "rogue-dhcp");
        assertEquals(2, rogue.size(), rogue.toString());
        assertTrue(rogue.get(0).evidence().contains("also answering there: libvirt network default on kvm2 (bridge "
                + "virbr0, port eth0 onto the LAN)"), rogue.get(0).evidence().toString());
        assertEquals("kvm2", rogue.get(1).places().get(0).host());
    }

    @Test
    void oneHostBridgingDhcpAloneOntoItsLanIsNotRogue() {
        assertEquals(List.of(), withId(check(up("kvm1", DemoEdits.demoWith(dhcpBridgedOntoUplink("192.168.1.20/24")))),
                "rogue-dhcp"));
    }

    @Test
    void aHostThatIsDownTakesPartInNothing() {
        assertEquals(List.of(), check(up("kvm1", DemoEdits.demo()), new FleetHost.Down("kvm2", "qemu:///system",
                "cannot reach kvm2")));
    }

    @Test
    void hostsWithTheSameUplinkSubnetAndGatewayShareTheirSegment() {
        HostSnapshot elsewhere = DemoEdits.demoWith("""
                {"links": {"eth0": {"addresses": ["10.0.0.5/24"]}}, "routes": {"default": {"gateway": "10.0.0.1"}}}""");
        List<SharedSegment> shared = SharedSegment.of(List.of(up("kvm1", DemoEdits.demo()),
                up("kvm2", DemoEdits.demoWith(EMPTY_NEIGHBOUR)), up("far", elsewhere),
                new FleetHost.Down("kvm3", "qemu:///system", "down")));
        assertEquals(List.of(new SharedSegment(new LanSegment("192.168.1.0/24", "192.168.1.1"), List.of(
                new SharedSegment.Member("kvm1", "eth0", "192.168.1.20/24"),
                new SharedSegment.Member("kvm2", "eth0", "192.168.1.21/24")))), shared);
    }
}
