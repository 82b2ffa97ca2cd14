package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.model.BondSlave;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.Mac;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The kernel side of the simulated host: links, addresses, routes and sysctls, each change refused the way
 * iproute2 refuses it ("File exists", "Cannot find device"), so plans meet the same errors as on a real host.
 */
final class SimulatedKernel {
    private SimulatedKernel() {
    }

    static HostSnapshot createBridge(HostSnapshot s, String name, Optional<String> wanted) {
        if (s.link(name).isPresent()) {
            throw new HostException("a link named '" + name + "' already exists (RTNETLINK answers: File exists)");
        }
        // A locally administered MAC derived from the name: re-creating a bridge gives it the same one.
        int h = name.hashCode();
        String mac = wanted.map(Mac::normalize).orElseGet(() -> String.format("02:%02x:%02x:%02x:%02x:%02x", (h >>> 24) & 255, (h >>> 16) & 255,
                (h >>> 8) & 255, h & 255, name.length() & 255));
        return s.withLinks(Stream.concat(s.links().stream(),
                Stream.of(Link.of(name, LinkKind.BRIDGE, mac, 1500, LinkState.DOWN, List.of()))).toList());
    }

    static HostSnapshot deleteBridge(HostSnapshot s, String name) {
        requireKind(s, name, LinkKind.BRIDGE);
        return s.withLinks(s.links().stream().filter(l -> !l.name().equals(name))
                .map(l -> l.master().filter(name::equals).isPresent() ? l.withMaster(Optional.empty()) : l).toList())
                .withRoutes(s.routes().stream().filter(r -> !r.device().filter(name::equals).isPresent()).toList());
    }

    /** As the kernel does: a VLAN goes down and up with its parent, and a bond's monitor sees a slave's state. */
    static HostSnapshot setUp(HostSnapshot s, String link, boolean up) {
        LinkState now = up ? LinkState.UP : LinkState.DOWN;
        return s.withLinks(s.links().stream().map(l -> l.name().equals(link)
                || (l.kind() == LinkKind.VLAN && l.parent().filter(link::equals).isPresent()) ? carrier(l.withState(now))
                : l).toList());
    }

    private static Link carrier(Link l) {
        return l.withBond(l.bond(), l.bondSlave().map(b -> new BondSlave(b.state(), Optional.of(l.isUp() ? "UP" : "DOWN"),
                b.linkFailures())));
    }

    static HostSnapshot createVlan(HostSnapshot s, String name, String parent, int id) {
        if (s.link(name).isPresent()) {
            throw new HostException("a link named '" + name + "' already exists (RTNETLINK answers: File exists)");
        }
        Link lower = s.link(parent).orElseThrow(() -> new HostException("Cannot find device \"" + parent + "\""));
        if (s.links().stream().anyMatch(l -> l.kind() == LinkKind.VLAN && l.parent().filter(parent::equals).isPresent()
                && l.vlanId().orElse(-1) == id)) {
            throw new HostException(parent + " has a link for VLAN " + id + " already (RTNETLINK answers: File exists)");
        }
        Link vlan = Link.of(name, LinkKind.VLAN, lower.mac().orElse(null), lower.mtu().orElse(1500), LinkState.DOWN,
                List.of()).withParent(Optional.of(parent)).withVlanId(OptionalInt.of(id))
                .withVlanProtocol(Optional.of("802.1Q"));
        return s.withLinks(Stream.concat(s.links().stream(), Stream.of(vlan)).toList());
    }

    static HostSnapshot deleteVlan(HostSnapshot s, String name) {
        requireKind(s, name, LinkKind.VLAN);
        return s.withLinks(s.links().stream().filter(l -> !l.name().equals(name)).toList())
                .withRoutes(s.routes().stream().filter(r -> !r.device().filter(name::equals).isPresent()).toList());
    }

    static HostSnapshot setMtu(HostSnapshot s, String link, int mtu) {
        requireLink(s, link);
        if (mtu < 68 || mtu > 65535) {
            throw new HostException("MTU " + mtu + " is out of range: use 68 to 65535");
        }
        return s.updateLink(link, l -> new Link(l.name(), l.kind(), l.mac(), OptionalInt.of(mtu), l.state(),
                l.adminUp(), l.master(), l.parent(), l.addresses(), l.vlanId(), l.bridge(), l.port(), l.bond(), l.bondSlave(),
                l.vlanProtocol()));
    }

    static HostSnapshot setMac(HostSnapshot s, String link, String mac) {
        requireLink(s, link);
        String normalized = Mac.normalize(mac);
        return s.updateLink(link, l -> new Link(l.name(), l.kind(), Optional.of(normalized), l.mtu(), l.state(),
                l.adminUp(), l.master(), l.parent(), l.addresses(), l.vlanId(), l.bridge(), l.port(), l.bond(), l.bondSlave(),
                l.vlanProtocol()));
    }

    /** Like the kernel, an address brings its prefix route and takes it along when it goes. */
    static HostSnapshot setAddress(HostSnapshot s, String link, String cidr, boolean present,
                                   Optional<Integer> prefixRouteMetric) {
        Link l = requireLink(s, link);
        String address = Ipv4.parse(cidr).toString();
        boolean has = l.addresses().contains(address);
        if (present == has) {
            throw new HostException(present ? link + " already has " + address + " (RTNETLINK answers: File exists)"
                    : link + " does not have " + address + " (RTNETLINK answers: Cannot assign requested address)");
        }
        List<String> next = new ArrayList<>(l.addresses());
        String subnet = Ipv4.parse(cidr).network().toString();
        List<Route> routes = new ArrayList<>(s.routes());
        if (present) {
            next.add(address);
            routes.add(new Route(subnet, Optional.empty(), Optional.of(link),
                    prefixRouteMetric.map(OptionalInt::of).orElse(OptionalInt.empty())));
        } else {
            next.remove(address);
            routes.removeIf(r -> r.destination().equals(subnet) && r.gateway().isEmpty()
                    && r.device().filter(link::equals).isPresent());
        }
        return s.updateLink(link, x -> x.withAddresses(next)).withRoutes(routes);
    }

    static HostSnapshot setRoute(HostSnapshot s, Route route, boolean present) {
        route.device().ifPresent(d -> requireLink(s, d));
        boolean has = s.routes().contains(route);
        if (present == has) {
            throw new HostException(present ? "the route " + route.destination() + " exists already "
                    + "(RTNETLINK answers: File exists)" : "there is no such route to " + route.destination()
                    + " (RTNETLINK answers: No such process)");
        }
        if (present && route.gateway().isPresent() && route.device().isPresent()) {
            Ipv4 gateway = Ipv4.parse(route.gateway().get());
            boolean reachable = s.link(route.device().get()).stream().flatMap(l -> l.addresses().stream())
                    .map(Ipv4::parse).anyMatch(a -> a.contains(gateway));
            if (!reachable) {
                throw new HostException("gateway " + gateway.ip() + " is not on a subnet of "
                        + route.device().get() + " (RTNETLINK answers: Network is unreachable)");
            }
        }
        List<Route> next = new ArrayList<>(s.routes());
        if (present) {
            next.add(route);
        } else {
            next.remove(route);
        }
        return s.withRoutes(next);
    }

    static Link requireLink(HostSnapshot s, String link) {
        return s.link(link).orElseThrow(() -> new HostException("there is no link named '" + link
                + "' (Cannot find device)"));
    }

    static Link requireKind(HostSnapshot s, String link, LinkKind kind) {
        Link l = requireLink(s, link);
        if (l.kind() != kind) {
            throw new HostException("'" + link + "' is a " + l.kind().json() + ", not a " + kind.json());
        }
        return l;
    }
}
