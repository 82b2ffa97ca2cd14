package dev.virtwire.diagnose;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/**
 * How one guest NIC is wired, as its configuration says it should be: through which tap, network and bridge,
 * and out through which uplink, by name, even where the host lacks the thing named. Rules compare this
 * expectation with the facts; the path shown hop by hop is a walk in the topology's graph ({@link PathHops}).
 *
 * @param tap     the host-side device libvirt created for the NIC (tap or macvtap), if the guest runs
 * @param bridge  the Linux bridge the tap should be a port of (none for macvtap)
 * @param uplinks the links the guest's traffic leaves the host by: the NAT/route device, the bridge's
 *                non-tap ports, or a macvtap's lower device
 * @param subnet  the subnet the guest's address should be in, when the host knows it
 */
public record GuestPath(Guest guest, GuestNic nic, Wiring wiring, Optional<VirtualNetwork> network,
                        Optional<String> tap, Optional<String> bridge, List<String> uplinks,
                        Optional<Ipv4> subnet) {

    /** The three ways a guest NIC reaches the world, and the ones Virtwire does not follow. */
    public enum Wiring {
        /** a libvirt nat/route/open/isolated network: bridge, then the host's own IP stack */
        HOST_STACK,
        /** a Linux bridge with the LAN on one of its ports */
        BRIDGED,
        /** macvtap on a host NIC */
        MACVTAP,
        /** a network that does not exist, user-mode networking, hostdev... */
        OTHER
    }

    public GuestPath {
        uplinks = List.copyOf(uplinks);
    }

    public static GuestPath of(HostSnapshot snapshot, Guest guest, GuestNic nic) {
        Optional<VirtualNetwork> network = nic.type() == NicType.NETWORK
                ? nic.source().flatMap(snapshot::network) : Optional.empty();
        Optional<String> tap = nic.target();
        Wiring wiring = wiring(nic, network);
        Optional<String> bridge = switch (wiring) {
            case HOST_STACK, BRIDGED -> nic.type() == NicType.BRIDGE ? nic.source()
                    : network.flatMap(VirtualNetwork::bridge);
            default -> Optional.empty();
        };
        List<String> uplinks = switch (wiring) {
            case HOST_STACK -> network.filter(n -> n.mode() != NetworkMode.ISOLATED)
                    .map(n -> n.devices().isEmpty()
                            ? snapshot.defaultRouteLink().map(Link::name).stream().toList() : n.devices())
                    .orElse(List.of());
            case BRIDGED -> bridge.map(b -> bridgeUplinks(snapshot, b)).orElse(List.of());
            case MACVTAP -> lowerDevice(snapshot, nic, network).stream().toList();
            case OTHER -> List.of();
        };
        Optional<Ipv4> subnet = switch (wiring) {
            case HOST_STACK -> network.flatMap(n -> n.ips().stream().findFirst())
                    .flatMap(ip -> Ipv4.tryParse(ip.address()));
            case BRIDGED -> bridge.flatMap(b -> firstAddress(snapshot, b))
                    .or(() -> uplinks.stream().flatMap(u -> firstAddress(snapshot, u).stream()).findFirst());
            case MACVTAP -> uplinks.stream().flatMap(u -> firstAddress(snapshot, u).stream()).findFirst();
            case OTHER -> Optional.empty();
        };
        return new GuestPath(guest, nic, wiring, network, tap, bridge, uplinks, subnet);
    }

    /** Whether the guest's traffic to the LAN passes the host's routing, forwarding and NAT. */
    public boolean throughHostStack() {
        return wiring == Wiring.HOST_STACK;
    }

    public Optional<NetworkMode> mode() {
        return network.map(VirtualNetwork::mode);
    }

    private static Wiring wiring(GuestNic nic, Optional<VirtualNetwork> network) {
        return switch (nic.type()) {
            case BRIDGE -> Wiring.BRIDGED;
            case DIRECT -> Wiring.MACVTAP;
            case NETWORK -> network.map(n -> switch (n.mode()) {
                case NAT, ROUTE, OPEN, ISOLATED -> Wiring.HOST_STACK;
                case BRIDGE -> n.bridge().isPresent() ? Wiring.BRIDGED : Wiring.MACVTAP;
                case PRIVATE, VEPA, PASSTHROUGH -> Wiring.MACVTAP;
                case HOSTDEV -> Wiring.OTHER;
            }).orElse(Wiring.OTHER);
            default -> Wiring.OTHER;
        };
    }

    /** A bridge's ports that lead away from the host. */
    static List<String> bridgeUplinks(HostSnapshot snapshot, String bridge) {
        return Uplinks.of(snapshot).portsOf(bridge).stream().map(Link::name).toList();
    }

    private static Optional<String> lowerDevice(HostSnapshot snapshot, GuestNic nic,
                                                Optional<VirtualNetwork> network) {
        Optional<String> fromLink = nic.target().flatMap(snapshot::link).flatMap(Link::parent);
        return fromLink.or(() -> nic.type() == NicType.DIRECT ? nic.source()
                : network.flatMap(n -> n.devices().stream().findFirst()));
    }

    private static Optional<Ipv4> firstAddress(HostSnapshot snapshot, String link) {
        return snapshot.link(link).flatMap(l -> l.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream())
                .findFirst());
    }
}
