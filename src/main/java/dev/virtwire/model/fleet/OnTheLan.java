package dev.virtwire.model.fleet;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of one host shows on its LAN, where other hosts' guests can meet it: guest NICs bridged onto a bridge
 * that leads off the host (or a macvtap on a host NIC), and libvirt networks whose DHCP server is bridged there.
 * A NAT, routed or isolated network's guests stay behind their host and are not on the LAN.
 */
public final class OnTheLan {
    private final HostSnapshot host;
    private final Uplinks uplinks;
    private final Set<String> lanBridges;

    private OnTheLan(HostSnapshot host) {
        this.host = host;
        this.uplinks = Uplinks.of(host);
        this.lanBridges = uplinks.lanBridges().stream().map(Link::name).collect(Collectors.toSet());
    }

    public static OnTheLan of(HostSnapshot host) {
        return new OnTheLan(host);
    }

    /** A guest NIC that is on the LAN. */
    public record LanNic(Guest guest, GuestNic nic) {
    }

    /** The guest NICs whose frames leave the host as they are (bridged or macvtap), in the host's order. */
    public List<LanNic> nics() {
        List<LanNic> out = new ArrayList<>();
        for (Guest guest : host.guests()) {
            guest.nics().stream().filter(this::isOnLan).forEach(n -> out.add(new LanNic(guest, n)));
        }
        return out;
    }

    private boolean isOnLan(GuestNic nic) {
        if (nic.type() == NicType.DIRECT) {
            return true;
        }
        Optional<String> bridge = switch (nic.type()) {
            case BRIDGE -> nic.source();
            case NETWORK -> nic.source().flatMap(host::network).flatMap(VirtualNetwork::bridge);
            default -> Optional.empty();
        };
        boolean directNetwork = nic.type() == NicType.NETWORK && nic.source().flatMap(host::network)
                .filter(n -> n.mode().isDirect() || (n.mode() == NetworkMode.BRIDGE && n.bridge().isEmpty())).isPresent();
        return directNetwork || bridge.filter(lanBridges::contains).isPresent();
    }

    /** A libvirt network whose DHCP server answers on the LAN, and the port of its bridge that leads there. */
    public record DhcpOnLan(VirtualNetwork network, String bridge, String port) {
    }

    /**
     * The active libvirt networks with DHCP whose bridge has a port onto the host's uplink segment: a port that
     * carries the default route (or lies under it), or any port off the host when the bridge itself holds an
     * address in the segment.
     */
    public List<DhcpOnLan> dhcpServers(LanSegment segment) {
        List<DhcpOnLan> out = new ArrayList<>();
        for (VirtualNetwork network : host.networks()) {
            if (!network.active() || network.bridge().isEmpty()
                    || network.ips().stream().noneMatch(NetworkIp::hasDhcp)) {
                continue;
            }
            String bridge = network.bridge().get();
            boolean bridgeOnSegment = host.link(bridge).stream().flatMap(l -> l.addresses().stream())
                    .anyMatch(segment::holds);
            uplinks.portsOf(bridge).stream()
                    .filter(port -> bridgeOnSegment || uplinks.carriesDefaultRoute(port))
                    .findFirst().ifPresent(port -> out.add(new DhcpOnLan(network, bridge, port.name())));
        }
        return out;
    }
}
