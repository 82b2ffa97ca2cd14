package dev.virtwire.model.topology;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The topology merged into the canvas's boxes, row by row, for exports that draw the host as the canvas does:
 * a libvirt network and the bridge it makes are one box, a guest and its NICs another; the outside is row 0,
 * host NICs row 1, bridges and networks row 2, taps row 3, guests row 4. {@link #order()} gives the canvas's
 * left-to-right order (the canvas's group boxes aside: an export draws every guest).
 */
public final class TopologyRows {
    public static final int GUESTS = 4;
    private static final Set<EdgeKind> WIRING = EnumSet.of(EdgeKind.GUEST_NIC, EdgeKind.TAP_OF_NIC,
            EdgeKind.NIC_ON_NETWORK, EdgeKind.NIC_ON_BRIDGE, EdgeKind.NIC_ON_DEVICE);

    private final HostSnapshot snapshot;
    private final Topology topology;
    private final Uplinks uplinks;
    private final Map<Id.Node, Id.Node> absorbed = new HashMap<>();
    private final Map<Id.Node, Integer> rows = new HashMap<>();
    private final Graph<Id.Node, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);

    private TopologyRows(HostSnapshot snapshot, Topology topology) {
        this.snapshot = snapshot;
        this.topology = topology;
        this.uplinks = Uplinks.of(snapshot);
    }

    public static TopologyRows of(HostSnapshot snapshot, Topology topology) {
        return new TopologyRows(snapshot, topology).build();
    }

    /** libvirt creates (and removes) the bridge of these networks: it is drawn in the network's box. */
    public static boolean ownsBridge(VirtualNetwork n) {
        return n.bridge().isPresent() && n.makesItsBridge();
    }

    /**
     * Where a NAT, routed or open network's traffic leaves: the link of the host's default route, for a running
     * network whose bridge libvirt makes and that names no device of its own.
     */
    public static Optional<Link> exitOf(HostSnapshot snapshot, VirtualNetwork n) {
        boolean leaves = n.mode() == NetworkMode.NAT || n.mode() == NetworkMode.ROUTE || n.mode() == NetworkMode.OPEN;
        return ownsBridge(n) && n.active() && n.devices().isEmpty() && leaves ? snapshot.defaultRouteLink()
                : Optional.empty();
    }

    /** Whatever its kind, a link on the way out is drawn as the host's NIC (the lab's are veths); a guest's tap not. */
    public static boolean wayOut(Link link, Topology topology, Uplinks uplinks) {
        return link.kind() != LinkKind.BRIDGE && !topology.reachedBy(new Id.Link(link.name()), EdgeKind.TAP_OF_NIC)
                && (uplinks.carriesDefaultRoute(link) || uplinks.isCable(link));
    }

    /** The node whose box shows this one: the network for a bridge it made, the guest for a NIC, else itself. */
    public Id.Node box(Id.Node node) {
        if (node instanceof Id.Nic nic) {
            return new Id.Guest(nic.guest());
        }
        return absorbed.getOrDefault(node, node);
    }

    /** Every box, row by row, left to right as the canvas has them. */
    public List<List<Id.Node>> order() {
        return new RowOrder<>(graph, rows::get, Comparator.comparing(Id.Node::text), GUESTS)
                .rows(Comparator.comparing((Id.Node b) -> kindRank(b)).thenComparing(Id.Node::text));
    }

    private TopologyRows build() {
        snapshot.networks().stream().filter(TopologyRows::ownsBridge)
                .forEach(n -> absorbed.put(new Id.Link(n.bridge().orElseThrow()), new Id.Network(n.name())));
        for (Node n : topology.nodes()) {
            if (n.kind() != NodeKind.LOOPBACK && n.kind() != NodeKind.NIC && !absorbed.containsKey(n.id())) {
                rows.put(n.id(), rowOf(n));
                graph.addVertex(n.id());
            }
        }
        for (Edge e : topology.edges()) {
            // a guest's tap is drawn with its guest's wiring, below
            boolean guestsTap = topology.reachedBy(e.from(), EdgeKind.TAP_OF_NIC);
            if (!WIRING.contains(e.kind()) && !guestsTap) {
                connect(e.from(), e.to());
            }
        }
        snapshot.guests().forEach(g -> g.nics().forEach(nic -> topology.wiring(new Id.Nic(g.name(), nic.mac()))
                .lines().forEach(l -> connect(l.from(), l.to()))));
        snapshot.networks().forEach(n -> exitOf(snapshot, n).ifPresent(l -> connect(new Id.Network(n.name()),
                new Id.Link(l.name()))));
        return this;
    }

    private void connect(Id.Node from, Id.Node to) {
        Id.Node a = box(from);
        Id.Node b = box(to);
        if (!a.equals(b) && graph.containsVertex(a) && graph.containsVertex(b)) {
            graph.addEdge(a, b);
        }
    }

    private int rowOf(Node n) {
        return switch (n.kind()) {
            case OUTSIDE -> 0;
            case NETWORK, BRIDGE -> 2;
            case GUEST -> GUESTS;
            case TAP, MACVTAP, VETH -> snapshot.link(((Id.Link) n.id()).name())
                    .filter(l -> wayOut(l, topology, uplinks)).isPresent() ? 1 : GUESTS - 1;
            default -> 1;
        };
    }

    /** Within a row, as the canvas's boxes first stand: host NICs, bridges, networks, taps, guests; then by name. */
    private int kindRank(Id.Node box) {
        return switch (topology.node(box).map(Node::kind).orElse(NodeKind.OTHER)) {
            case OUTSIDE -> 0;
            case BRIDGE -> 2;
            case NETWORK -> 3;
            case TAP, MACVTAP, VETH -> rows.get(box) == 1 ? 1 : 4;
            case GUEST -> 5;
            default -> 1;
        };
    }
}
