package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The network's DHCP pool has no free address left for a guest that has none. */
public final class DhcpPoolExhausted implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.DHCP_POOL_EXHAUSTED);
    }

    @Override
    public Optional<String> comparesEveryGuest() {
        return Optional.of("whether the other guests' addresses fill the network's DHCP pool");
    }

    /**
     * The host's ARP cache shows the addresses running guests use and the network's lease list what its DHCP server
     * handed out; an agent is per guest.
     */
    @Override
    public Optional<String> comparesGuestsTheIndexLeavesOut() {
        return Optional.of("whether addresses other guests report through their guest agent alone fill the "
                + "network's DHCP pool");
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(n -> s.path().throughHostStack());
        Optional<NetworkIp> ip = network.flatMap(n -> n.ips().stream().filter(i -> !i.dhcpRanges().isEmpty())
                .findFirst());
        if (ip.isEmpty() || !s.path().guest().isRunning() || !s.guestAddresses().isEmpty()) {
            return List.of();
        }
        boolean reserved = ip.get().dhcpHosts().stream().anyMatch(h -> h.mac().filter(s.nic().mac()::equals)
                .isPresent());
        if (reserved) {
            return List.of();
        }
        Set<Long> used = s.snapshot().guests().stream().flatMap(g -> g.nics().stream())
                .flatMap(n -> n.addresses().stream()).flatMap(a -> Ipv4.tryParse(a.ip()).stream())
                .map(Ipv4::address).collect(Collectors.toCollection(java.util.HashSet::new));
        // the addresses running guests use as the host sees them, also those of guests a read of one left out
        s.runningGuestAddresses().forEach(a -> Ipv4.tryParse(a.ip()).ifPresent(x -> used.add(x.address())));
        ip.get().dhcpHosts().forEach(h -> Ipv4.tryParse(h.ip()).ifPresent(a -> used.add(a.address())));
        // a guest that stopped keeps its lease until it expires: the server hands that address to no one else
        Set<Long> leases = network.get().leases().stream()
                .filter(l -> !l.isIpv6() && !l.mac().equals(s.nic().mac()))
                .flatMap(l -> Ipv4.tryParse(l.address()).stream()).map(Ipv4::address).collect(Collectors.toSet());
        used.addAll(leases);
        long size = 0;
        long taken = 0;
        long leased = 0;
        for (DhcpRange range : ip.get().dhcpRanges()) {
            long first = Ipv4.parse(range.first()).address();
            long last = Ipv4.parse(range.last()).address();
            size += last - first + 1;
            taken += used.stream().filter(a -> a >= first && a <= last).count();
            leased += leases.stream().filter(a -> a >= first && a <= last).count();
        }
        if (taken < size) {
            return List.of();
        }
        String name = network.get().name();
        String ranges = ip.get().dhcpRanges().stream().map(r -> r.first() + "-" + r.last())
                .collect(Collectors.joining(", "));
        Finding finding = Finding.of(Catalog.DHCP_POOL_EXHAUSTED, "Network '" + name + "' has no free address left "
                        + "in its DHCP pool")
                .withEvidence("DHCP pool " + ranges + ": " + size + " addresses, " + taken + " in use, reserved or "
                        + "leased" + (leased == 0 ? "" : "; the network's leases hold " + leased + " of them (a guest "
                        + "that stopped keeps its address until its lease ends)"))
                .withNodes(new Id.Network(name))
                .withSteps("widen the range: virsh net-update " + name + " modify ip-dhcp-range "
                        + "\"<range start='FIRST' end='LAST'/>\" --live --config",
                        "or shorten the lease time so addresses of gone guests come back sooner");
        return List.of(s.probes().leases(name).map(run -> finding.withEvidence(run.evidence())).orElse(finding));
    }
}
