package dev.virtwire.host.sim;

import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which address a guest NIC gets on the simulated host after it moved: a lease from its libvirt network's
 * DHCP pool, or for a NIC on the LAN (bridged, macvtap) an address of the uplink's subnet as the LAN's
 * router would hand out.
 */
final class SimulatedDhcp {
    private static final int LAN_POOL_START = 100;

    private final HostSnapshot host;
    private final Set<Long> taken;

    SimulatedDhcp(HostSnapshot host) {
        this.host = host;
        this.taken = host.guests().stream().flatMap(g -> g.nics().stream()).flatMap(n -> n.addresses().stream())
                .flatMap(a -> Ipv4.tryParse(a.ip()).stream()).map(Ipv4::address).collect(Collectors.toSet());
    }

    List<GuestAddress> lease(GuestNic nic) {
        return switch (nic.type()) {
            case NETWORK -> nic.source().flatMap(host::network).filter(n -> !n.mode().isDirect()
                            && n.mode() != dev.virtwire.model.NetworkMode.BRIDGE)
                    .flatMap(n -> n.ips().stream().filter(NetworkIp::hasDhcp).findFirst())
                    .flatMap(this::fromPool).map(ip -> List.of(new GuestAddress(ip, AddressOrigin.LEASE)))
                    .orElseGet(() -> fromLan(nic));
            case BRIDGE, DIRECT -> fromLan(nic);
            default -> List.of();
        };
    }

    /**
     * A guest's DHCP client keeps asking: running guests' NICs on this bridge that have no address get one once
     * the bridge reaches the LAN (a host NIC just joined it). The host as it is otherwise.
     */
    HostSnapshot leaseWaitingOn(String bridge) {
        if (!bridgeHasUplink(bridge)) {
            return host;
        }
        HostSnapshot next = host;
        for (var guest : host.guests()) {
            for (GuestNic nic : guest.nics()) {
                if (guest.isRunning() && nic.type() == NicType.BRIDGE && nic.source().filter(bridge::equals)
                        .isPresent() && nic.addresses().isEmpty()) {
                    GuestNic leased = nic.withAddresses(new SimulatedDhcp(next).lease(nic));
                    next = next.updateGuest(guest.name(), g -> g.withNics(g.nics().stream()
                            .map(n -> n.mac().equals(leased.mac()) ? leased : n).toList()));
                }
            }
        }
        return next;
    }

    private Optional<String> fromPool(NetworkIp ip) {
        Ipv4 subnet = Ipv4.parse(ip.address());
        for (DhcpRange range : ip.dhcpRanges()) {
            for (long a = Ipv4.parse(range.first()).address(); a <= Ipv4.parse(range.last()).address(); a++) {
                if (!taken.contains(a)) {
                    return Optional.of(subnet.withAddress(a).toString());
                }
            }
        }
        return Optional.empty();
    }

    /** A bridged or macvtap NIC is on the LAN only if its bridge reaches a physical NIC. */
    private List<GuestAddress> fromLan(GuestNic nic) {
        if (nic.type() == NicType.BRIDGE && !nic.source().map(this::bridgeHasUplink).orElse(false)) {
            return List.of();
        }
        return host.defaultRouteLink().flatMap(l -> l.addresses().stream().findFirst()).map(Ipv4::parse)
                .flatMap(lan -> {
                    for (long a = lan.network().address() + LAN_POOL_START; lan.contains(lan.withAddress(a)); a++) {
                        if (!taken.contains(a)) {
                            return Optional.of(lan.withAddress(a).toString());
                        }
                    }
                    return Optional.empty();
                }).map(ip -> List.of(new GuestAddress(ip, AddressOrigin.ARP))).orElse(List.of());
    }

    private boolean bridgeHasUplink(String bridge) {
        return host.links().stream().anyMatch(l -> l.master().filter(bridge::equals).isPresent()
                && l.kind() == dev.virtwire.model.LinkKind.PHYSICAL);
    }
}
