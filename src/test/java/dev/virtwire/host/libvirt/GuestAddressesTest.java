package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.host.kernel.Neighbour;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IPv6 addresses of guests land beside the IPv4 ones, never among them. */
class GuestAddressesTest {
    private static final String MAC = "52:54:00:3a:10:01";
    private static final Guest WEB = new Guest("web1", Optional.empty(), GuestState.RUNNING, List.of(
            new GuestNic(MAC, Optional.empty(), NicType.NETWORK, Optional.of("default"), Optional.empty(),
                    Optional.of("vnet0"), true, List.of(), List.of())));
    private static final Link VIRBR0 = Link.of("virbr0", LinkKind.BRIDGE, "52:54:00:bb:00:01", 1500, LinkState.UP,
            List.of("192.168.122.1/24")).withAddresses6(List.of("2001:db8:ca2:2::1/64", "fe80::5054:ff:febb:1/64"));

    @Test
    void leasesOfBothFamiliesAreSplitByFamily() {
        Guest g = GuestAddresses.merge(WEB, Map.of(MAC, List.of("192.168.122.50/24", "2001:db8:ca2:2::150/64")),
                AddressOrigin.LEASE);
        GuestNic nic = g.nics().get(0);
        assertEquals(List.of(new GuestAddress("192.168.122.50/24", AddressOrigin.LEASE)), nic.addresses());
        assertEquals(List.of(new GuestAddress("2001:db8:ca2:2::150/64", AddressOrigin.LEASE)), nic.addresses6());
    }

    @Test
    void neighbourTableGivesSlaacAndLinkLocalAddressesWithTheLinksPrefixAndALeaseIsNotRepeated() {
        String ipNeigh = """
                [{"dst":"192.168.122.50","dev":"virbr0","lladdr":"52:54:00:3a:10:01","state":["REACHABLE"]},
                 {"dst":"2001:db8:ca2:2:5054:ff:fe3a:1001","dev":"virbr0","lladdr":"52:54:00:3A:10:01","state":["STALE"]},
                 {"dst":"fe80::5054:ff:fe3a:1001","dev":"virbr0","lladdr":"52:54:00:3a:10:01","state":["REACHABLE"]},
                 {"dst":"2001:db8:ca2:2::150","dev":"virbr0","lladdr":"52:54:00:3a:10:01","state":["DELAY"]},
                 {"dst":"2001:db8:ca2:2::99","dev":"virbr0","state":["FAILED"]}]""";
        Guest leased = GuestAddresses.merge(WEB, Map.of(MAC, List.of("2001:db8:ca2:2::150/64")), AddressOrigin.LEASE);
        GuestNic nic = GuestAddresses.withArp(List.of(leased), Neighbour.parse(ipNeigh), List.of(VIRBR0)).get(0)
                .nics().get(0);
        assertEquals(List.of(new GuestAddress("192.168.122.50/24", AddressOrigin.ARP)), nic.addresses());
        assertEquals(List.of(new GuestAddress("2001:db8:ca2:2::150/64", AddressOrigin.LEASE),
                new GuestAddress("2001:db8:ca2:2:5054:ff:fe3a:1001/64", AddressOrigin.NDP),
                new GuestAddress("fe80::5054:ff:fe3a:1001/64", AddressOrigin.NDP)), nic.addresses6());
    }
}
