package dev.virtwire.model;

import java.util.List;

/**
 * Which links lead off the host, towards the LAN: the one definition the graph, the planner ("switch to
 * bridged") and the troubleshooter share. A host's way out is its physical NICs, and bonds or VLANs over
 * them. A host with no physical NIC at all (a network namespace such as the lab, some nested hosts) goes
 * out through veths whose peer lives in another namespace; on a host with NICs those veths lead to
 * containers, not the LAN.
 */
public final class Uplinks {
    private static final int MAX_DEPTH = 8;

    private final HostSnapshot host;
    private final boolean hasPhysical;

    private Uplinks(HostSnapshot host) {
        this.host = host;
        this.hasPhysical = host.links().stream().anyMatch(l -> l.kind() == LinkKind.PHYSICAL);
    }

    public static Uplinks of(HostSnapshot host) {
        return new Uplinks(host);
    }

    /** Whether this link is itself a cable out of the host (not one stacked on another). */
    public boolean isCable(Link link) {
        return link.kind() == LinkKind.PHYSICAL
                || (!hasPhysical && link.kind() == LinkKind.VETH && link.parent().isEmpty());
    }

    /** Whether traffic sent into this link leaves the host. */
    public boolean leadsOffHost(Link link) {
        return leadsOffHost(link, 0);
    }

    private boolean leadsOffHost(Link link, int depth) {
        if (isCable(link)) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        return switch (link.kind()) {
            case VLAN, MACVTAP -> link.parent().flatMap(host::link).map(p -> leadsOffHost(p, depth + 1)).orElse(false);
            case BOND -> host.links().stream().anyMatch(s -> s.master().filter(link.name()::equals).isPresent()
                    && leadsOffHost(s, depth + 1));
            default -> false;
        };
    }

    /** The ports of a bridge that lead off the host. */
    public List<Link> portsOf(String bridge) {
        return host.links().stream().filter(l -> l.master().filter(bridge::equals).isPresent())
                .filter(this::leadsOffHost).toList();
    }

    /** The bridges where bridged guests meet the LAN: those with a port that leads off the host. */
    public List<Link> lanBridges() {
        return host.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE)
                .filter(b -> !portsOf(b.name()).isEmpty()).toList();
    }
}
