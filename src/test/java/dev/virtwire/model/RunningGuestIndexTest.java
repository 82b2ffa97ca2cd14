package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the host-wide index takes for another running guest sharing a guest's MAC or address, and what not. */
class RunningGuestIndexTest {
    private static final String MAC = "52:54:00:12:34:56";
    private static final Link OWN_TAP = link("vnet0", LinkKind.TAP, "fe:54:00:12:34:56");
    private final Guest web = new Guest("web", Optional.empty(), GuestState.RUNNING, List.of(new GuestNic(MAC,
            Optional.empty(), NicType.NETWORK, Optional.of("default"), Optional.empty(), Optional.of("vnet0"), true,
            List.of(), List.of(new GuestAddress("192.168.122.10/24", AddressOrigin.LEASE)))));

    @Test
    void itsOwnTapAndItsOwnArpEntryAreNoClash() {
        RunningGuestIndex index = new RunningGuestIndex(List.of(OWN_TAP, link("vnet1", LinkKind.TAP,
                "fe:54:00:aa:bb:cc"), link("virbr0", LinkKind.BRIDGE, MAC)), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.10", MAC),
                new RunningGuestIndex.Neighbour("192.168.122.11", "52:54:00:aa:bb:cc")));
        assertEquals(List.of(), index.clashes(web), "a bridge with the MAC is a host link, compared as such");
    }

    @Test
    void anotherTapWithItsMacBehindFeIsAClash() {
        RunningGuestIndex index = RunningGuestIndex.ofLinks(List.of(OWN_TAP, link("vnet7", LinkKind.TAP,
                "fe:54:00:12:34:56")));
        assertEquals(List.of("tap vnet7 carries fe:54:00:12:34:56, the tap of a NIC with " + MAC),
                index.clashes(web));
    }

    @Test
    void aMacvtapWithItsMacIsAClash() {
        RunningGuestIndex index = RunningGuestIndex.ofLinks(List.of(OWN_TAP, link("macvtap3", LinkKind.MACVTAP,
                MAC)));
        assertEquals(List.of("macvtap macvtap3 carries " + MAC), index.clashes(web));
    }

    @Test
    void itsAddressAtAnotherMacInTheArpCacheIsAClash() {
        RunningGuestIndex index = new RunningGuestIndex(List.of(OWN_TAP), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.10", "52:54:00:aa:bb:cc")));
        assertEquals(List.of("the host's ARP cache has 192.168.122.10 at 52:54:00:aa:bb:cc"), index.clashes(web));
    }

    @Test
    void theAddressesRunningGuestsUseAreTheArpEntriesOfTheMacsBehindTheirTapsAndMacvtaps() {
        Link tap = link("vnet1", LinkKind.TAP, "fe:54:00:aa:bb:cc");
        Link macvtap = link("macvtap0", LinkKind.MACVTAP, "52:54:00:dd:ee:ff");
        RunningGuestIndex index = new RunningGuestIndex(List.of(OWN_TAP, tap, macvtap,
                link("eth0", LinkKind.PHYSICAL, "3c:ec:ef:00:00:01")), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.11", "52:54:00:aa:bb:cc"),
                new RunningGuestIndex.Neighbour("192.168.1.52", "52:54:00:dd:ee:ff"),
                new RunningGuestIndex.Neighbour("192.168.1.1", "3c:ec:ef:00:00:99"),
                new RunningGuestIndex.Neighbour("192.168.122.99", "fe:54:00:aa:bb:cc")));
        assertEquals(List.of(new RunningGuestIndex.SeenAddress("192.168.122.11", "52:54:00:aa:bb:cc", tap),
                        new RunningGuestIndex.SeenAddress("192.168.1.52", "52:54:00:dd:ee:ff", macvtap)),
                index.runningGuestAddresses(), "the router and the tap's own MAC are no guest's");
    }

    @Test
    void aLeaseCountsAsARunningGuestsAddressWhenATapCarriesItsMacAndOnceWhenTheArpCacheHasItToo() {
        Link tap = link("vnet1", LinkKind.TAP, "fe:54:00:aa:bb:cc");
        RunningGuestIndex index = new RunningGuestIndex(List.of(OWN_TAP, tap), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.11", "52:54:00:aa:bb:cc")), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.11", "52:54:00:aa:bb:cc"),
                new RunningGuestIndex.Neighbour("192.168.122.12", "52:54:00:aa:bb:cc"),
                new RunningGuestIndex.Neighbour("192.168.122.13", "52:54:00:99:99:99")));
        assertEquals(List.of(new RunningGuestIndex.SeenAddress("192.168.122.11", "52:54:00:aa:bb:cc", tap),
                        new RunningGuestIndex.SeenAddress("192.168.122.12", "52:54:00:aa:bb:cc", tap)),
                index.runningGuestAddresses(), "the lease of a MAC no tap carries is a guest that stopped");
        assertEquals(List.of(), index.clashes(web), "a lease is no ARP entry: clashes come from the host's tables");
    }

    @Test
    void itsAddressLeasedToAnotherMacIsAClash() {
        RunningGuestIndex index = new RunningGuestIndex(List.of(OWN_TAP), List.of(), List.of(
                new RunningGuestIndex.Neighbour("192.168.122.10", MAC),
                new RunningGuestIndex.Neighbour("192.168.122.10", "52:54:00:aa:bb:cc")));
        assertEquals(List.of("a network's DHCP leases give 192.168.122.10 to 52:54:00:aa:bb:cc"),
                index.clashes(web));
    }

    private static Link link(String name, LinkKind kind, String mac) {
        return Link.of(name, kind, mac, 1500, LinkState.UP, List.of());
    }
}
