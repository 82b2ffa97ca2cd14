package dev.virtwire.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which links lead off the host, towards the LAN: the one definition the graph, the planner ("switch to
 * bridged") and the troubleshooter share.
 *
 * <p>The uplink is where traffic leaves: the links that carry the default routes, followed down to what they
 * stand on (a VLAN's parent, a bond's slaves, a bridge's ports), whatever their kind. The links at the bottom
 * of that chain are the host's cables. Other ways off the host (a second NIC that only guests use) carry no
 * default route, so for them the kind is all there is to go by: physical NICs, and on a host without any (a
 * network namespace such as the lab, some nested hosts) veths whose peer lives in another namespace.
 */
public final class Uplinks {
    private static final int MAX_DEPTH = 8;

    private final List<Link> links;
    private final boolean hasPhysical;
    private final Map<String, Link> byName = new HashMap<>();
    private final Map<String, List<Link>> portsByMaster = new HashMap<>();
    /** The default-route links and everything under them, top first. */
    private final Set<String> chain = new LinkedHashSet<>();

    private Uplinks(HostSnapshot host) {
        this.links = host.links();
        this.hasPhysical = host.links().stream().anyMatch(l -> l.kind() == LinkKind.PHYSICAL);
        for (Link l : host.links()) {
            byName.putIfAbsent(l.name(), l);
            l.master().ifPresent(m -> portsByMaster.computeIfAbsent(m, k -> new ArrayList<>()).add(l));
        }
        Deque<Link> next = new ArrayDeque<>();
        host.routes().stream().filter(Route::isDefault).flatMap(r -> r.device().stream())
                .map(byName::get).filter(l -> l != null).forEach(next::add);
        while (!next.isEmpty() && chain.size() < byName.size()) {
            Link l = next.poll();
            if (chain.add(l.name())) {
                next.addAll(below(l));
            }
        }
    }

    public static Uplinks of(HostSnapshot host) {
        return new Uplinks(host);
    }

    /** The links the default routes leave by, then what they stand on, down to the cables; top first. */
    public List<Link> chain() {
        return chain.stream().map(byName::get).toList();
    }

    /** Whether this link carries a default route or lies under one that does. */
    public boolean carriesDefaultRoute(Link link) {
        return chain.contains(link.name());
    }

    /**
     * What a link stands on, on the way out: a VLAN's or macvtap's parent, a bond's slaves, a bridge's ports
     * that are not guests' taps (nor, on a host with NICs, containers' veths).
     */
    public List<Link> below(Link link) {
        return switch (link.kind()) {
            case VLAN, MACVTAP -> link.parent().map(byName::get).stream().filter(p -> p != null).toList();
            case BOND -> portsByMaster.getOrDefault(link.name(), List.of());
            case BRIDGE -> portsByMaster.getOrDefault(link.name(), List.of()).stream()
                    .filter(p -> p.kind() != LinkKind.TAP && p.kind() != LinkKind.MACVTAP)
                    .filter(p -> p.kind() != LinkKind.VETH || !hasPhysical).toList();
            default -> List.of();
        };
    }

    /** Whether this link is itself a cable out of the host (not one stacked on another). */
    public boolean isCable(Link link) {
        if (link.kind() == LinkKind.BRIDGE || link.kind() == LinkKind.LOOPBACK) {
            return false;
        }
        if (carriesDefaultRoute(link)) {
            return below(link).isEmpty();
        }
        return link.kind() == LinkKind.PHYSICAL
                || (!hasPhysical && link.kind() == LinkKind.VETH && link.parent().isEmpty());
    }

    /** Whether traffic sent into this link leaves the host. */
    public boolean leadsOffHost(Link link) {
        return leadsOffHost(link, 0);
    }

    private boolean leadsOffHost(Link link, int depth) {
        if (isCable(link) || (carriesDefaultRoute(link) && link.kind() != LinkKind.BRIDGE)) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        return switch (link.kind()) {
            case VLAN, MACVTAP, BOND -> below(link).stream().anyMatch(l -> leadsOffHost(l, depth + 1));
            default -> false;
        };
    }

    /** The ports of a bridge that lead off the host. */
    public List<Link> portsOf(String bridge) {
        return portsByMaster.getOrDefault(bridge, List.of()).stream().filter(this::leadsOffHost).toList();
    }

    /** The bridges where bridged guests meet the LAN: those with a port that leads off the host. */
    public List<Link> lanBridges() {
        return links.stream().filter(l -> l.kind() == LinkKind.BRIDGE)
                .filter(b -> !portsOf(b.name()).isEmpty()).toList();
    }
}
