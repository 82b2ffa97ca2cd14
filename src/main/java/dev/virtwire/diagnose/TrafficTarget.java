package dev.virtwire.diagnose;

import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where a destination lies relative to one guest NIC: which kind of hop gets there, and its address. */
record TrafficTarget(Reach reach, Optional<String> address, Optional<GuestPath> otherPath) {

    static TrafficTarget of(HostSnapshot snapshot, GuestPath path, Destination destination) {
        if (destination instanceof Destination.Host) {
            return new TrafficTarget(Reach.HOST, hostAddress(snapshot, path), Optional.empty());
        }
        if (destination instanceof Destination.Lan) {
            return new TrafficTarget(Reach.OUTSIDE, lanGateway(snapshot), Optional.empty());
        }
        if (destination instanceof Destination.Internet internet) {
            return new TrafficTarget(Reach.OUTSIDE, Optional.of(internet.address()), Optional.empty());
        }
        if (destination instanceof Destination.Internet6 internet) {
            return new TrafficTarget(Reach.OUTSIDE, Optional.of(internet.address()), Optional.empty());
        }
        if (destination instanceof Destination.Address6 address) {
            return toAddress6(snapshot, path, IpAddress.parse(address.ip()));
        }
        if (destination instanceof Destination.OtherGuest other) {
            return toGuest(snapshot, path, guest(snapshot, other.name()));
        }
        return toAddress(snapshot, path, ((Destination.Address) destination).ip());
    }

    private static TrafficTarget toAddress(HostSnapshot snapshot, GuestPath path, String ip) {
        boolean host = snapshot.links().stream().flatMap(l -> l.addresses().stream())
                .flatMap(a -> Ipv4.tryParse(a).stream()).anyMatch(a -> a.ip().equals(ip));
        if (host) {
            return new TrafficTarget(Reach.HOST, Optional.of(ip), Optional.empty());
        }
        Optional<Guest> owner = snapshot.guests().stream().filter(g -> !g.name().equals(path.guest().name()))
                .filter(g -> g.nics().stream().flatMap(n -> n.addresses().stream())
                        .anyMatch(a -> Ipv4.tryParse(a.ip()).map(Ipv4::ip).filter(ip::equals).isPresent()))
                .findFirst();
        if (owner.isPresent()) {
            TrafficTarget viaGuest = toGuest(snapshot, path, owner.get());
            return new TrafficTarget(viaGuest.reach, Optional.of(ip), viaGuest.otherPath);
        }
        boolean sameSegment = path.subnet().filter(s -> s.contains(Ipv4.parse(ip))).isPresent();
        return new TrafficTarget(sameSegment ? Reach.SAME_SEGMENT : Reach.OUTSIDE, Optional.of(ip),
                Optional.empty());
    }

    /** An IPv6 address: the host's, another guest's (as far as the host saw it), on the guest's prefix, or beyond. */
    private static TrafficTarget toAddress6(HostSnapshot snapshot, GuestPath path, IpAddress ip) {
        Optional<String> at = Optional.of(ip.ip());
        boolean host = snapshot.links().stream().flatMap(l -> l.addresses6().stream())
                .flatMap(a -> IpAddress.tryParse(a).stream()).anyMatch(a -> a.ip().equals(ip.ip()));
        if (host) {
            return new TrafficTarget(Reach.HOST, at, Optional.empty());
        }
        Optional<Guest> owner = snapshot.guests().stream().filter(g -> !g.name().equals(path.guest().name()))
                .filter(g -> g.nics().stream().flatMap(n -> n.addresses6().stream())
                        .anyMatch(a -> IpAddress.tryParse(a.ip()).map(IpAddress::ip).filter(ip.ip()::equals)
                                .isPresent()))
                .findFirst();
        if (owner.isPresent()) {
            return new TrafficTarget(toGuest(snapshot, path, owner.get()).reach, at,
                    toGuest(snapshot, path, owner.get()).otherPath);
        }
        boolean sameSegment = path.network().stream().flatMap(n -> n.ips6().stream())
                .flatMap(p -> IpAddress.tryParse(p.address()).stream()).anyMatch(p -> p.contains(ip));
        return new TrafficTarget(sameSegment ? Reach.SAME_SEGMENT : Reach.OUTSIDE, at, Optional.empty());
    }

    private static TrafficTarget toGuest(HostSnapshot snapshot, GuestPath path, Guest other) {
        List<GuestPath> paths = other.nics().stream().map(n -> GuestPath.of(snapshot, other, n)).toList();
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("guest '" + other.name() + "' has no network interface to reach");
        }
        GuestPath best = paths.stream().min(Comparator.comparing(p -> closeness(path, p))).orElseThrow();
        Reach reach = switch (closeness(path, best)) {
            case 0 -> Reach.SAME_SEGMENT;
            case 1 -> Reach.OTHER_SEGMENT;
            default -> Reach.OUTSIDE;
        };
        Optional<String> address = best.nic().addresses().stream().findFirst()
                .map(a -> Ipv4.tryParse(a.ip()).map(Ipv4::ip).orElse(a.ip()));
        return new TrafficTarget(reach, address, Optional.of(best));
    }

    /** 0: same bridge or macvtap lower device, 1: both behind the host's routing, 2: through the LAN. */
    private static int closeness(GuestPath a, GuestPath b) {
        if (a.bridge().isPresent() && a.bridge().equals(b.bridge())) {
            return 0;
        }
        if (a.wiring() == Wiring.MACVTAP && b.wiring() == Wiring.MACVTAP && a.uplinks().equals(b.uplinks())) {
            return 0;
        }
        return a.throughHostStack() && b.throughHostStack() ? 1 : 2;
    }

    private static Guest guest(HostSnapshot snapshot, String name) {
        return snapshot.guest(name).orElseThrow(() -> new IllegalArgumentException("there is no guest named '"
                + name + "'; guests: " + snapshot.guests().stream().map(Guest::name).toList()));
    }

    /** The host's address as the guest sees it: on the guest's bridge, else on its uplink. */
    private static Optional<String> hostAddress(HostSnapshot snapshot, GuestPath path) {
        return path.bridge().flatMap(snapshot::link).flatMap(TrafficTarget::firstIp)
                .or(() -> path.uplinks().stream().flatMap(u -> snapshot.link(u).flatMap(TrafficTarget::firstIp)
                        .stream()).findFirst())
                .or(() -> snapshot.defaultRouteLink().flatMap(TrafficTarget::firstIp));
    }

    private static Optional<String> firstIp(Link link) {
        return link.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream()).map(Ipv4::ip).findFirst();
    }

    private static Optional<String> lanGateway(HostSnapshot snapshot) {
        return snapshot.routes().stream().filter(dev.virtwire.model.Route::isDefault)
                .flatMap(r -> r.gateway().stream()).findFirst();
    }
}
