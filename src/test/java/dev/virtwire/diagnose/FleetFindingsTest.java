package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.SharedSegment;
import dev.virtwire.change.LinkIntent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fleet-wide findings and shared segments, over demo hosts edited into clones, neighbours and strangers. */
class FleetFindingsTest {
    /** The demo host with its guests gone, another address on the same LAN, its routed networks on other subnets. */
    private static final String EMPTY_NEIGHBOUR = """
            {"guests": [], "links": {"eth0": {"addresses": ["192.168.1.21/24"]}},
             "networks": {"routed": {"ips": [{"address": "192.168.151.1/24"}]},
                          "dmz": {"ips": [{"address": "10.21.0.1/24"}]}}}""";
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
        return FleetCheck.of(List.of(hosts), name -> new SuggestedCommands(List.of("--connect",
                "qemu+ssh://root@" + name + "/system")));
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
        // each clone's NIC can get a new MAC on its host (DuplicateMacFixTest); which user gets another address is
        // set inside the guests or by the LAN's DHCP server, not a change Virtwire makes
        assertTrue(macs.stream().allMatch(f -> f.fixes().size() == 2), macs.toString());
        assertTrue(found.stream().filter(f -> !f.id().equals("duplicate-mac")).allMatch(f -> f.fix().isEmpty()),
                found.toString());
        assertTrue(withId(found, "duplicate-ip").get(0).steps().get(0).endsWith("none is a change Virtwire makes, so "
                + "this has no one-click fix"), withId(found, "duplicate-ip").get(0).steps().toString());
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
        assertTrue(rogue.get(0).evidence().get(0).endsWith(": its definition hands out 192.168.122.2-192.168.122.254"),
                rogue.get(0).evidence().toString());
        // eth1 is a cable of its own: releasing it keeps the network's DHCP for its own guests, and undo puts it back
        assertTrue(rogue.get(0).steps().get(0).endsWith(": virtwire bridge remove-port eth1 --connect "
                + "qemu+ssh://root@kvm1/system (undo: virtwire undo --connect qemu+ssh://root@kvm1/system)"),
                rogue.get(0).steps().toString());
        // ... and that step is its one-click fix, on kvm1
        FleetFinding.HostFix fix = rogue.get(0).fix().orElseThrow();
        assertEquals("kvm1", fix.host());
        assertEquals(new LinkIntent.SetLinkMaster("eth1", Optional.empty()), fix.fix().intent());
        assertEquals("Take port eth1 off bridge virbr0 on kvm1: network default then hands out addresses to its own "
                + "guests only", fix.fix().description());
    }

    @Test
    void twoHostsBridgingDhcpOntoOneLanAreEachRogue() {
        List<FleetFinding> rogue = withId(check(up("kvm1", DemoEdits.demoWith(dhcpBridgedOntoUplink("192.168.1.20/24"))),
                up("kvm2", DemoEdits.demoWith(dhcpBridgedOntoUplink("192.168.1.21/24")))), "rogue-dhcp");
        assertEquals(2, rogue.size(), rogue.toString());
        assertTrue(rogue.get(0).evidence().contains("also answering there: libvirt network default on kvm2 (bridge "
                + "virbr0, port eth0 onto the LAN)"), rogue.get(0).evidence().toString());
        assertEquals("kvm2", rogue.get(1).places().get(0).host());
        assertEquals(1, rogue.get(0).steps().size(), rogue.get(0).steps().toString());
        assertTrue(rogue.get(0).steps().get(0).startsWith("turn off the network's DHCP on kvm1"), "eth0 under virbr0 "
                + "is kvm1's own way to the LAN: releasing it would cut kvm1 off: " + rogue.get(0).steps());
        assertTrue(rogue.stream().allMatch(f -> f.fix().isEmpty()), "no one-click fix cuts a host off its LAN");
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

    @Test
    void routedNetworksOnOneSubnetBehindTwoHostsOfALanOverlap() {
        List<FleetFinding> overlaps = withId(check(up("kvm1", DemoEdits.demo()), up("kvm2", DemoEdits.demo())),
                "subnet-overlap");
        assertEquals(List.of("Network routed on kvm1 and network routed on kvm2 overlap (192.168.150.0/24, "
                + "192.168.150.0/24) where traffic is routed between the hosts", "Network dmz on kvm1 and network dmz "
                + "on kvm2 overlap (10.20.0.0/24, 10.20.0.0/24) where traffic is routed between the hosts"),
                overlaps.stream().map(FleetFinding::title).toList(), "both NAT networks default are fine");
        assertEquals(List.of(new FleetFinding.Place("kvm1", new Id.Network("routed")),
                new FleetFinding.Place("kvm2", new Id.Network("routed"))), overlaps.get(0).places());
        assertEquals(List.of("give one of the networks a subnet of its own (on kvm2: virsh net-edit routed, change its "
                + "<ip> address and DHCP range, then net-destroy and net-start it); its guests take new leases when "
                + "they renew, and a guest with a static address there needs a new one, so there is no one-click fix"),
                overlaps.get(0).steps());
        assertTrue(overlaps.get(0).fix().isEmpty(), "renumbering a network breaks its guests' addresses");
    }

    @Test
    void aHostRoutingToTheOthersNatNetworkWhileItsOwnHoldsThoseAddressesOverlaps() {
        HostSnapshot router = DemoEdits.demoWith(ROUTING_NEIGHBOUR);
        List<FleetFinding> overlaps = withId(check(up("kvm1", DemoEdits.demo()), up("kvm2", router)), "subnet-overlap");
        assertEquals(1, overlaps.size(), overlaps.toString());
        assertTrue(overlaps.get(0).evidence().contains("kvm2 routes 192.168.122.0/24 to kvm1 (192.168.1.20), but its "
                + "own network default holds those addresses"), overlaps.get(0).evidence().toString());
    }

    /** The empty neighbour, routing libvirt's default subnet to kvm1 (192.168.1.20). */
    private static final String ROUTING_NEIGHBOUR = EMPTY_NEIGHBOUR.strip().substring(0, EMPTY_NEIGHBOUR.strip()
            .length() - 1) + """
            , "routes": {"192.168.122.0/24": {"gateway": "192.168.1.20", "device": "eth0"}}}""";

    /**
     * br0 filtering VLANs, its port to the LAN (eth1) carrying these VLANs, nas's tap (vnet3) in VLAN 42; the
     * neighbour (at another address) without the guests bridged there.
     */
    private static String trunk(String address, String vlans) {
        return """
                {"links": {"eth0": {"addresses": ["%s"]},
                           "br0": {"bridge": {"stp": false, "vlan_filtering": true}},
                           "eth1": {"port": {"state": "forwarding", "vlans": %s, "pvid": 1}},
                           "vnet3": {"port": {"state": "forwarding", "vlans": [42], "pvid": 42}}},
                 "guests": %s}""".formatted(address, vlans, address.equals("192.168.1.20/24") ? "{}"
                : "{\"nas\": null, \"backup\": null}");
    }

    @Test
    void aGuestsVlanThatAnotherHostOfTheLanDoesNotCarryIsMissingThere() {
        HostSnapshot kvm1 = DemoEdits.demoWith(trunk("192.168.1.20/24", "[1, 42]"));
        List<FleetFinding> missing = withId(check(up("kvm1", kvm1), up("kvm2", DemoEdits.demoWith(
                trunk("192.168.1.21/24", "[1]")))), "vlan-missing-on-host");
        assertEquals(1, missing.size(), missing.toString());
        assertEquals("VLAN 42 of nas on kvm1 is not carried by kvm2, on the same LAN", missing.get(0).title());
        assertEquals(Severity.WARNING, missing.get(0).severity(), "nothing breaks until a guest of VLAN 42 is there");
        assertEquals(new FleetFinding.Place("kvm2", new Id.Link("eth1")), missing.get(0).places().get(1));
        assertTrue(missing.get(0).fix().isEmpty(), "whether VLAN 42 belongs on kvm2 is the user's to say");
        assertEquals(List.of(), withId(check(up("kvm1", kvm1), up("kvm2", DemoEdits.demoWith(
                trunk("192.168.1.21/24", "[1, 42]")))), "vlan-missing-on-host"), "kvm2 carries VLAN 42");
        assertEquals(List.of(), withId(check(up("kvm1", kvm1), up("kvm2", DemoEdits.demoWith(EMPTY_NEIGHBOUR))),
                "vlan-missing-on-host"), "kvm2's br0 does not filter VLANs: it carries every tag");
    }
}
