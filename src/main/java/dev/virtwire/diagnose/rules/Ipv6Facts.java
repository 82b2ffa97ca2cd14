package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.Route;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the IPv6 rules read about a guest's path: its prefix, its global addresses, the uplinks and their sysctls. */
final class Ipv6Facts {
    private Ipv6Facts() {
    }

    /** The guest network's IPv6 prefixes (libvirt's {@code <ip family='ipv6'>}). */
    static List<IpAddress> networkPrefixes(Situation s) {
        return s.path().network().stream().flatMap(n -> n.ips6().stream())
                .flatMap(ip -> IpAddress.tryParse(ip.address()).stream()).toList();
    }

    /** The guest NIC's global IPv6 addresses the host knows of (leases, agent, neighbour table). */
    static List<IpAddress> guestGlobals(Situation s) {
        return s.nic().addresses6().stream().map(GuestAddress::ip).flatMap(a -> IpAddress.tryParse(a).stream())
                .filter(a -> !a.isLinkLocal()).toList();
    }

    /** A link's global IPv6 addresses. */
    static List<IpAddress> linkGlobals(Situation s, String link) {
        return s.link(link).stream().flatMap(l -> l.addresses6().stream())
                .flatMap(a -> IpAddress.tryParse(a).stream()).filter(a -> !a.isLinkLocal()).toList();
    }

    static Optional<Route> defaultRoute(Situation s) {
        return s.snapshot().routes6().stream().filter(Route::isDefault).findFirst();
    }

    /** The links IPv6 leaves the host by: the path's uplinks, then the IPv6 default route's link. */
    static List<String> uplinks(Situation s) {
        return Stream.concat(s.path().uplinks().stream(), defaultRoute(s).flatMap(Route::device).stream())
                .distinct().toList();
    }

    static Optional<Ipv6Conf> conf(Situation s, String name) {
        return s.snapshot().kernel().ipv6(name);
    }
}
