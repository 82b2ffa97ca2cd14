package dev.virtwire.host.libvirt;

import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelFacts;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostInfo;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.RunningGuestIndex;
import dev.virtwire.model.SavedConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host read in parts (libvirt networks, each guest, kernel, firewall), each with its own gaps, so a change
 * re-reads only its part and the snapshot is composed again.
 */
record HostParts(HostInfo info, NetworksRead networks, Map<String, GuestRead> guests, KernelFacts kernel,
                 FirewallReader.Reading firewall) {

    HostParts {
        guests = new TreeMap<>(guests);
    }

    HostSnapshot compose(List<String> hostGaps) {
        List<Guest> all = guests.values().stream().map(GuestRead::guest).flatMap(Optional::stream)
                .map(HostParts::withoutArp).toList();
        List<String> gaps = new ArrayList<>(networks.gaps());
        guests.values().forEach(g -> gaps.addAll(g.gaps()));
        gaps.addAll(kernel.gaps());
        gaps.addAll(firewall.gaps());
        gaps.addAll(hostGaps);
        return new HostSnapshot(info, Instant.now(), kernel.links(), kernel.routes(), kernel.settings(),
                networks.networks(), GuestAddresses.withArp(all, kernel.neighbours(), kernel.links()),
                firewall.state(), SavedConfig.unknown(), gaps, kernel.routes6(), arp(kernel));
    }

    /** The ARP cache (IPv4 neighbours), which the host-wide index of running guests pairs with the link table. */
    static List<RunningGuestIndex.Neighbour> arp(KernelFacts kernel) {
        List<RunningGuestIndex.Neighbour> out = new ArrayList<>();
        for (var n : kernel.neighbours()) {
            if (!n.isIpv6()) {
                out.add(new RunningGuestIndex.Neighbour(n.ip(), n.mac()));
            }
        }
        return out;
    }

    /** ARP (and IPv6 neighbour table) addresses belong to the kernel read they came from: a guest read again must not keep old ones. */
    private static Guest withoutArp(Guest g) {
        return g.withNics(g.nics().stream().map(n -> n.withAddresses(n.addresses().stream()
                .filter(a -> a.origin() != AddressOrigin.ARP).toList()).withAddresses6(n.addresses6().stream()
                .filter(a -> a.origin() != AddressOrigin.NDP).toList())).toList());
    }

    HostParts withGuest(GuestRead read) {
        Map<String, GuestRead> next = new TreeMap<>(guests);
        if (read.guest().isEmpty() && read.gaps().isEmpty()) {
            next.remove(read.name()); // undefined
        } else {
            next.put(read.name(), read);
        }
        return new HostParts(info, networks, next, kernel, firewall);
    }

    HostParts withNetworks(NetworksRead read) {
        return new HostParts(info, read, guests, kernel, firewall);
    }

    HostParts withKernel(KernelFacts read) {
        return new HostParts(info, networks, guests, read, firewall);
    }

    HostParts withFirewall(FirewallReader.Reading read) {
        return new HostParts(info, networks, guests, kernel, read);
    }

    /** Guests with a NIC whose host-side device (tap, macvtap) is one of these links. */
    List<String> guestsUsing(java.util.Set<String> links) {
        return guests.values().stream().filter(r -> r.guest().filter(g -> g.nics().stream()
                .anyMatch(n -> n.target().filter(links::contains).isPresent())).isPresent())
                .map(GuestRead::name).toList();
    }
}
