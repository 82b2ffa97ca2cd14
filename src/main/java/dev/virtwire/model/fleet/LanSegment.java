package dev.virtwire.model.fleet;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.util.Objects;
import java.util.Optional;

/**
 * The LAN a host's uplink is on, as the host's own facts say it: the subnet of the uplink's address that holds
 * the default route's gateway, and that gateway. Two hosts with the same subnet and gateway share the segment.
 *
 * @param subnet  the network in CIDR form, e.g. 192.168.1.0/24
 * @param gateway the default route's gateway, e.g. 192.168.1.1
 */
public record LanSegment(String subnet, String gateway) {
    public LanSegment {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
    }

    /** Where a host meets its LAN: the segment, the link holding the host's address there, and that address. */
    public record Uplink(LanSegment segment, String link, String address) {
    }

    /** The host's uplink on its LAN; empty without an IPv4 default route via a gateway in an own subnet. */
    public static Optional<Uplink> of(HostSnapshot host) {
        for (Route route : host.routes()) {
            if (!route.isDefault() || route.gateway().isEmpty() || route.device().isEmpty()) {
                continue;
            }
            Optional<Ipv4> gateway = Ipv4.tryParse(route.gateway().get());
            Optional<Link> link = host.link(route.device().get());
            if (gateway.isEmpty() || link.isEmpty()) {
                continue;
            }
            for (String cidr : link.get().addresses()) {
                Optional<Ipv4> own = Ipv4.tryParse(cidr).filter(a -> a.prefix() < 32);
                if (own.isPresent() && own.get().network().contains(gateway.get())) {
                    return Optional.of(new Uplink(new LanSegment(own.get().network().toString(),
                            gateway.get().ip()), link.get().name(), cidr));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether an address (with or without a prefix) lies in this segment's subnet. */
    public boolean holds(String address) {
        return Ipv4.tryParse(address).map(Ipv4.parse(subnet)::contains).orElse(false);
    }

    /** How messages name it: "192.168.1.0/24 via 192.168.1.1". */
    public String describe() {
        return subnet + " via " + gateway;
    }
}
