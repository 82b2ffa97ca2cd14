package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.RunningGuestIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A read of one guest (and a guest it targets) leaves the host's other guests unread; the rules that compare with
 * them (a DHCP pool the others fill, a gateway that is another guest, a guest proving a bridge reaches a macvtap's
 * LAN) look at the running guests' addresses in the host's ARP cache instead ({@link RunningGuestIndex}). On every
 * catalog case, on a host whose ARP cache holds what its running guests use, such a read finds what a read of
 * every guest finds; where the index shows a clash, the reader reads every guest, as {@code snapshotOfGuests} does.
 */
class OneGuestCasesTest {

    static java.util.stream.Stream<Path> cases() throws IOException {
        return CatalogCasesTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReadOfOneGuestFindsWhatAReadOfEveryGuestFinds(Path file) throws IOException {
        JsonNode c = DemoEdits.MAPPER.readTree(file.toFile());
        HostSnapshot whole = withArpOfRunningGuests(DemoEdits.demoWith(c.path("edits")), a -> true);
        String guest = c.get("guest").asText();
        Destination to = Destination.parse(c.get("to").asText());
        Optional<String> nic = Optional.ofNullable(c.path("nic").asText(null));
        Set<String> read = to instanceof Destination.OtherGuest o ? Set.of(guest, o.name()) : Set.of(guest);

        Diagnosis full = CatalogCasesTest.troubleshooter(c).diagnose(whole, guest, nic, to);
        Diagnosis alone = CatalogCasesTest.troubleshooter(c).readingGuests(read)
                .diagnose(readOf(whole, read), guest, nic, to);
        String name = file.getFileName().toString();
        assertEquals(full.findings(), alone.findings(), name);
        assertEquals(full.path(), alone.path(), name);
    }

    @Test
    void aPoolTheOtherGuestsFillIsFoundOnAReadOfOneGuestAndNotWhenItHasRoom() {
        String exhausted = "{\"networks\": {\"default\": {\"ips\": [{\"address\": \"192.168.122.1/24\", \"dhcp\": "
                + "{\"ranges\": [[\"192.168.122.11\", \"192.168.122.12\"]], \"hosts\": []}}]}}, \"guests\": "
                + "{\"web1\": {\"nics\": {\"52:54:00:3a:10:01\": {\"addresses\": []}}}}}";
        HostSnapshot whole = withArpOfRunningGuests(DemoEdits.demoWith(exhausted), a -> true);
        Diagnosis alone = oneGuest(whole, "web1", Destination.lan());
        assertEquals(diagnose(whole, "web1", Destination.lan()).findings(), alone.findings());
        assertEquals(Optional.of("dhcp-pool-exhausted"), alone.findings().stream().map(f -> f.id())
                .findFirst(), alone.findings()::toString);
        assertTrue(alone.findings().get(0).evidence().contains("DHCP pool 192.168.122.11-192.168.122.12: 2 "
                + "addresses, 2 in use, reserved or leased; the network's leases hold 2 of them (a guest that stopped keeps "
                + "its address until its lease ends)"), alone.findings().get(0).evidence()::toString);

        HostSnapshot roomy = withArpOfRunningGuests(DemoEdits.demoWith(exhausted.replace("192.168.122.12\"]",
                "192.168.122.13\"]")), a -> true);
        Diagnosis withRoom = oneGuest(roomy, "web1", Destination.lan());
        assertEquals(diagnose(roomy, "web1", Destination.lan()).findings(), withRoom.findings());
        assertFalse(ids(withRoom).contains("dhcp-pool-exhausted"), withRoom.findings()::toString);
    }

    @Test
    void anAddressOnlyTheNetworksLeaseListShowsFillsThePoolOnAReadOfOneGuestToo() {
        // db1 holds 192.168.122.11 by its lease and has not talked to the host since: the ARP cache lacks it
        String exhausted = "{\"networks\": {\"default\": {\"ips\": [{\"address\": \"192.168.122.1/24\", \"dhcp\": "
                + "{\"ranges\": [[\"192.168.122.11\", \"192.168.122.12\"]], \"hosts\": []}}]LEASES}}, \"guests\": "
                + "{\"web1\": {\"nics\": {\"52:54:00:3a:10:01\": {\"addresses\": []}}}}}";
        String leases = ", \"leases\": [{\"mac\": \"52:54:00:3a:10:02\", \"ip\": \"192.168.122.11/24\"}]";
        HostSnapshot leased = withArpOfRunningGuests(DemoEdits.demoWith(exhausted.replace("LEASES", leases)),
                a -> !a.ip().equals("192.168.122.11"));
        Diagnosis alone = oneGuest(leased, "web1", Destination.lan());
        assertEquals(diagnose(leased, "web1", Destination.lan()).findings(), alone.findings());
        assertTrue(ids(alone).contains("dhcp-pool-exhausted"), alone.findings()::toString);
        assertTrue(alone.unchecked().stream().anyMatch(u -> u.contains("whether addresses other guests report "
                + "through their guest agent alone fill the network's DHCP pool")), alone.unchecked()::toString);

        // a driver that lists no leases: only the whole read, which has db1's lease on its NIC, finds it
        HostSnapshot unlisted = withArpOfRunningGuests(DemoEdits.demoWith(exhausted.replace("LEASES",
                        ", \"leases\": []")),
                a -> !a.ip().equals("192.168.122.11"));
        assertTrue(ids(diagnose(unlisted, "web1", Destination.lan())).contains("dhcp-pool-exhausted"));
        assertFalse(ids(oneGuest(unlisted, "web1", Destination.lan())).contains("dhcp-pool-exhausted"));
    }

    @Test
    void anAddressLeasedToAnotherGuestMakesTheReadOfOneGuestAReadOfAllWhichNamesIt() {
        // db1 was leased web1's address and has not talked to the host since: only the lease list shows it
        String twice = "{\"networks\": {\"default\": {\"leases\": [{\"mac\": \"52:54:00:3a:10:02\", "
                + "\"ip\": \"192.168.122.10/24\"}]}}, \"guests\": {\"db1\": {\"nics\": {\"52:54:00:3a:10:02\": "
                + "{\"addresses\": [{\"ip\": \"192.168.122.10/24\", \"origin\": \"lease\"}]}}}}}";
        HostSnapshot whole = withArpOfRunningGuests(DemoEdits.demoWith(twice),
                a -> !a.mac().equals("52:54:00:3a:10:02"));
        Diagnosis alone = oneGuest(whole, "web1", Destination.lan());
        assertEquals(diagnose(whole, "web1", Destination.lan()).findings(), alone.findings());
        assertTrue(ids(alone).contains("duplicate-ip"), alone.findings()::toString);
        assertTrue(alone.unchecked().stream().noneMatch(u -> u.contains("only web1 read")), alone.unchecked()::toString);
    }

    @Test
    void aGatewayTheGuestAsksForIsAWrongGatewayUnlessTheArpCacheShowsAnotherGuestThere() {
        JsonNode c = capture("192.168.122.254");
        HostSnapshot whole = withArpOfRunningGuests(DemoEdits.demoWith(c.path("edits")), a -> true);
        Diagnosis full = CatalogCasesTest.troubleshooter(c).diagnose(whole, "web1", Optional.empty(),
                Destination.parse("internet"));
        Diagnosis alone = CatalogCasesTest.troubleshooter(c).readingGuests(Set.of("web1"))
                .diagnose(readOf(whole, Set.of("web1")), "web1", Optional.empty(), Destination.parse("internet"));
        assertEquals(full.findings(), alone.findings());
        assertTrue(ids(alone).contains("guest-gateway-wrong"), alone.findings()::toString);

        // db1's 192.168.122.11 (its lease, and the host's ARP cache): asking for it is talking to a neighbour
        JsonNode toDb1 = capture("192.168.122.11");
        Diagnosis neighbour = CatalogCasesTest.troubleshooter(toDb1).readingGuests(Set.of("web1"))
                .diagnose(readOf(whole, Set.of("web1")), "web1", Optional.empty(), Destination.parse("internet"));
        assertEquals(CatalogCasesTest.troubleshooter(toDb1).diagnose(whole, "web1", Optional.empty(),
                Destination.parse("internet")).findings(), neighbour.findings());
        assertFalse(ids(neighbour).contains("guest-gateway-wrong"), neighbour.findings()::toString);
    }

    @Test
    void aGuestOnABridgeProvesItReachesTheMacvtapsLanOnAReadOfOneGuest() {
        HostSnapshot whole = withArpOfRunningGuests(DemoEdits.demoWith("{}"), a -> true);
        Diagnosis alone = oneGuest(whole, "media", Destination.parse("host"));
        assertEquals(diagnose(whole, "media", Destination.parse("host")).findings(), alone.findings());
        Finding isolation = alone.findings().get(0);
        assertEquals("macvtap-host-isolation", isolation.id());
        assertTrue(isolation.evidence().contains("a guest NIC on br0 (52:54:00:3a:10:04, tap vnet3) uses "
                + "192.168.1.51, in eth0's subnet 192.168.1.0/24"), isolation.evidence()::toString);
        assertTrue(isolation.fix().isPresent(), "the move to br0, proven by nas's address");

        // without the ARP entries of nas and backup (on br0) nothing proves br0 reaches eth0's LAN: no move to it is
        // offered, on either read
        Set<String> onBr0 = Set.of("nas", "backup");
        HostSnapshot unseen = withArpOfRunningGuests(DemoEdits.demoWith("{}"), a -> !a.ip().startsWith("192.168.1."));
        Diagnosis noProof = oneGuest(unseen, "media", Destination.parse("host"));
        assertFalse(noProof.findings().get(0).evidence().stream().anyMatch(e -> e.contains("on br0")),
                noProof.findings().get(0).evidence()::toString);
        assertEquals(diagnose(unseen.withGuests(unseen.guests().stream().map(g -> onBr0.contains(g.name())
                        ? withoutAddresses(g) : g).toList()), "media", Destination.parse("host")).findings(),
                noProof.findings());

        // to the LAN a macvtap guest is not cut off: no finding on either read
        Diagnosis lan = oneGuest(whole, "media", Destination.lan());
        assertEquals(diagnose(whole, "media", Destination.lan()).findings(), lan.findings());
        assertFalse(ids(lan).contains("macvtap-host-isolation"), lan.findings()::toString);
    }

    private static JsonNode capture(String asksFor) {
        try {
            return DemoEdits.MAPPER.readTree("{\"probes\": {\"capture\": {\"output\": \"10:00:01.1 52:54:00:3a:10:01 "
                    + "> ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has " + asksFor
                    + " tell 192.168.122.10, length 28\\n\"}}}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Diagnosis diagnose(HostSnapshot whole, String guest, Destination to) {
        return new Troubleshooter().diagnose(whole, guest, Optional.empty(), to);
    }

    private static Diagnosis oneGuest(HostSnapshot whole, String guest, Destination to) {
        return new Troubleshooter().readingGuests(Set.of(guest)).diagnose(readOf(whole, Set.of(guest)), guest,
                Optional.empty(), to);
    }

    private static List<String> ids(Diagnosis d) {
        return d.findings().stream().map(f -> f.id()).toList();
    }

    /**
     * What a read of these guests gives, as {@code LibvirtHost.snapshotOfGuests} decides: them alone, or every guest
     * when the index shows another running guest that may share a MAC or an address with them.
     */
    static HostSnapshot readOf(HostSnapshot whole, Set<String> guests) {
        HostSnapshot partial = whole.withGuests(whole.guests().stream().filter(g -> guests.contains(g.name()))
                .toList());
        RunningGuestIndex index = RunningGuestIndex.of(partial);
        return partial.guests().stream().anyMatch(g -> !index.clashes(g).isEmpty()) ? whole : partial;
    }

    /**
     * The host as libvirt and the kernel show it after its running guests talked to it: each tap carries its NIC's
     * MAC behind fe (a case that edits a NIC's MAC leaves the demo's tap as it was), and the ARP cache holds each
     * IPv4 address of a NIC with a tap or macvtap (those that pass the filter), at the NIC's MAC.
     */
    static HostSnapshot withArpOfRunningGuests(HostSnapshot s, Predicate<RunningGuestIndex.Neighbour> keep) {
        for (Guest g : s.guests()) {
            for (GuestNic nic : g.nics()) {
                if (g.state() != GuestState.SHUTOFF && nic.target().flatMap(s::link)
                        .filter(l -> l.kind() == dev.virtwire.model.LinkKind.TAP).isPresent()) {
                    String tap = nic.target().get();
                    String mac = "fe" + nic.mac().substring(2);
                    s = s.updateLink(tap, l -> new dev.virtwire.model.Link(l.name(), l.kind(), Optional.of(mac),
                            l.mtu(), l.state(), l.adminUp(), l.master(), l.parent(), l.addresses(), l.vlanId(),
                            l.bridge(), l.port(), l.bond(), l.bondSlave(), l.vlanProtocol(), l.addresses6()));
                }
            }
        }
        List<RunningGuestIndex.Neighbour> arp = new ArrayList<>();
        for (Guest g : s.guests()) {
            if (g.state() == GuestState.SHUTOFF) {
                continue;
            }
            for (GuestNic nic : g.nics()) {
                if (nic.target().isEmpty()) {
                    continue;
                }
                nic.addresses().stream().map(a -> new RunningGuestIndex.Neighbour(a.ip().replaceFirst("/.*", ""),
                        nic.mac())).filter(keep).forEach(arp::add);
            }
        }
        return s.withArp(arp);
    }

    private static Guest withoutAddresses(Guest g) {
        return g.withNics(g.nics().stream().map(n -> n.withAddresses(List.of())).toList());
    }
}
