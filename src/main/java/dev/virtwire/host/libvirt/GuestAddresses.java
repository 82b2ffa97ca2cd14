package dev.virtwire.host.libvirt;

import dev.virtwire.host.kernel.Neighbour;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the addresses learnt from leases, the guest agent and the host's neighbour tables on guest NICs: IPv4 ones
 * on {@code addresses}, IPv6 ones on {@code addresses6}. Pure.
 */
final class GuestAddresses {
    private GuestAddresses() {
    }

    /** Adds addresses (CIDR) keyed by MAC; an address a NIC already has (from a better source) is kept once. */
    static Guest merge(Guest guest, Map<String, List<String>> byMac, AddressOrigin origin) {
        return guest.withNics(guest.nics().stream().map(nic -> {
            List<GuestAddress> v4 = new ArrayList<>(nic.addresses());
            List<GuestAddress> v6 = new ArrayList<>(nic.addresses6());
            for (String ip : byMac.getOrDefault(nic.mac(), List.of())) {
                List<GuestAddress> all = ip.indexOf(':') >= 0 ? v6 : v4;
                String bare = bare(ip);
                if (all.stream().noneMatch(a -> bare(a.ip()).equals(bare))) {
                    all.add(new GuestAddress(ip, origin));
                }
            }
            return nic.withAddresses(v4).withAddresses6(v6);
        }).toList());
    }

    /**
     * ARP and IPv6 neighbour entries of guest MACs, with the prefix of the host address on the same link when one
     * contains it (the tables themselves know no prefix).
     */
    static List<Guest> withArp(List<Guest> guests, List<Neighbour> neighbours, List<Link> links) {
        Map<String, List<String>> arp = new java.util.HashMap<>();
        Map<String, List<String>> ndp = new java.util.HashMap<>();
        for (Neighbour n : neighbours) {
            (n.isIpv6() ? ndp : arp).computeIfAbsent(n.mac(), k -> new ArrayList<>())
                    .add(withPrefix(n, links));
        }
        return guests.stream().map(g -> merge(merge(g, arp, AddressOrigin.ARP), ndp, AddressOrigin.NDP)).toList();
    }

    private static String withPrefix(Neighbour n, List<Link> links) {
        Optional<IpAddress> ip = IpAddress.tryParse(n.ip());
        return links.stream().filter(l -> l.name().equals(n.device()))
                .flatMap(l -> (n.isIpv6() ? l.addresses6() : l.addresses()).stream())
                .map(IpAddress::tryParse).flatMap(Optional::stream)
                .filter(a -> ip.isPresent() && a.contains(ip.get())).findFirst()
                .map(a -> n.ip() + "/" + a.prefix()).orElse(n.ip());
    }

    private static String bare(String ip) {
        int slash = ip.indexOf('/');
        return slash < 0 ? ip : ip.substring(0, slash);
    }

}
