package dev.virtwire.host.libvirt;

import dev.virtwire.host.kernel.Neighbour;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts the addresses learnt from leases, the guest agent and the host's ARP cache on guest NICs. Pure. */
final class GuestAddresses {
    private GuestAddresses() {
    }

    /** Adds addresses (CIDR) keyed by MAC; an address a NIC already has (from a better source) is kept once. */
    static Guest merge(Guest guest, Map<String, List<String>> byMac, AddressOrigin origin) {
        return guest.withNics(guest.nics().stream().map(nic -> {
            List<GuestAddress> all = new ArrayList<>(nic.addresses());
            for (String ip : byMac.getOrDefault(nic.mac(), List.of())) {
                String bare = bare(ip);
                if (all.stream().noneMatch(a -> bare(a.ip()).equals(bare))) {
                    all.add(new GuestAddress(ip, origin));
                }
            }
            return nic.withAddresses(all);
        }).toList());
    }

    /**
     * ARP entries of guest MACs, with the prefix of the host address on the same link when one contains it
     * (the cache itself knows no prefix).
     */
    static List<Guest> withArp(List<Guest> guests, List<Neighbour> neighbours, List<Link> links) {
        Map<String, List<String>> byMac = new java.util.HashMap<>();
        for (Neighbour n : neighbours) {
            byMac.computeIfAbsent(n.mac(), k -> new ArrayList<>()).add(withPrefix(n, links));
        }
        return guests.stream().map(g -> merge(g, byMac, AddressOrigin.ARP)).toList();
    }

    private static String withPrefix(Neighbour n, List<Link> links) {
        Optional<Ipv4> ip = Ipv4.tryParse(n.ip());
        return links.stream().filter(l -> l.name().equals(n.device())).flatMap(l -> l.addresses().stream())
                .map(Ipv4::tryParse).flatMap(Optional::stream)
                .filter(a -> ip.isPresent() && a.contains(ip.get())).findFirst()
                .map(a -> n.ip() + "/" + a.prefix()).orElse(n.ip());
    }

    private static String bare(String ip) {
        int slash = ip.indexOf('/');
        return slash < 0 ? ip : ip.substring(0, slash);
    }

}
