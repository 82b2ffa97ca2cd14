package dev.virtwire.model.topology;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedMultigraph;

/**
 * The host's network as a graph, derived from a {@link HostSnapshot}. Never edited directly: a new
 * snapshot gives a new topology.
 */
public final class Topology {
    private final Graph<Node, Edge> graph;
    private final Map<Id.Node, Node> nodes;

    private Topology(Graph<Node, Edge> graph, Map<Id.Node, Node> nodes) {
        this.graph = graph;
        this.nodes = nodes;
    }

    public static Topology of(HostSnapshot snapshot) {
        return new Builder(snapshot).build();
    }

    /** The JGraphT graph, read-only by convention (views and layouts walk it). */
    public Graph<Node, Edge> graph() {
        return graph;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Edge> edges() {
        return List.copyOf(graph.edgeSet());
    }

    public Optional<Node> node(Id.Node id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public boolean has(Id.Node id) {
        return nodes.containsKey(id);
    }

    /** Where a node's edges of one kind lead, in the order they were drawn; none for a node not in the graph. */
    public List<Id.Node> targets(Id.Node from, EdgeKind kind) {
        Node node = nodes.get(from);
        return node == null ? List.of() : graph.outgoingEdgesOf(node).stream().filter(e -> e.kind() == kind)
                .map(Edge::to).toList();
    }

    /** The first node a node's edges of one kind lead to. */
    public Optional<Id.Node> target(Id.Node from, EdgeKind kind) {
        return targets(from, kind).stream().findFirst();
    }

    /** Whether some node's edge of this kind leads to this one (a tap that is a guest NIC's: TAP_OF_NIC). */
    public boolean reachedBy(Id.Node to, EdgeKind kind) {
        Node node = nodes.get(to);
        return node != null && graph.incomingEdgesOf(node).stream().anyMatch(e -> e.kind() == kind);
    }

    /** How a guest NIC is wired: its tap, what the tap is plugged into, and what its configuration names. */
    public NicWiring wiring(Id.Nic nic) {
        Optional<Id.Link> tap = target(nic, EdgeKind.TAP_OF_NIC).map(Id.Link.class::cast);
        // a macvtap sits on its lower device; any other tap is a port of a bridge (or a bond)
        Optional<Id.Node> plugged = tap.flatMap(t -> target(t, EdgeKind.MACVTAP_OVER)
                .or(() -> target(t, EdgeKind.PORT_OF_BRIDGE)).or(() -> target(t, EdgeKind.PORT_OF_BOND)));
        Optional<Id.Node> configured = target(nic, EdgeKind.NIC_ON_NETWORK)
                .or(() -> target(nic, EdgeKind.NIC_ON_BRIDGE)).or(() -> target(nic, EdgeKind.NIC_ON_DEVICE));
        Set<Id.Node> fitting = new LinkedHashSet<>();
        configured.ifPresent(c -> {
            fitting.add(c);
            fitting.addAll(targets(c, EdgeKind.NETWORK_USES_BRIDGE));
            fitting.addAll(targets(c, EdgeKind.NETWORK_USES_DEVICE));
        });
        return new NicWiring(nic, tap, plugged, configured, fitting);
    }

    /**
     * The bridge a guest NIC's traffic should cross, by its configuration: the bridge it names, or the bridge of
     * the network it names.
     */
    public Optional<Id.Node> configuredBridge(Id.Nic nic) {
        return target(nic, EdgeKind.NIC_ON_BRIDGE).or(() -> target(nic, EdgeKind.NIC_ON_NETWORK)
                .flatMap(n -> target(n, EdgeKind.NETWORK_USES_BRIDGE)));
    }

    private static final class Builder {
        private final HostSnapshot snapshot;
        private final Graph<Node, Edge> graph = new DirectedMultigraph<>(Edge.class);
        private final Map<Id.Node, Node> nodes = new LinkedHashMap<>();
        private final Uplinks uplinks;
        /** Links by name: a port asks for its master, and a host can have a thousand links. */
        private final Map<String, Link> links = new HashMap<>();

        Builder(HostSnapshot snapshot) {
            this.snapshot = snapshot;
            this.uplinks = Uplinks.of(snapshot);
            snapshot.links().forEach(l -> links.putIfAbsent(l.name(), l));
        }

        Topology build() {
            add(new Node(new Id.Outside(), NodeKind.OUTSIDE, "LAN / internet"));
            List<Link> shown = snapshot.links().stream().filter(l -> l.kind() != LinkKind.LOOPBACK).toList();
            shown.forEach(l -> add(new Node(new Id.Link(l.name()), NodeKind.of(l.kind()), l.name())));
            snapshot.networks().forEach(n -> add(new Node(new Id.Network(n.name()), NodeKind.NETWORK, n.name())));
            for (Guest guest : snapshot.guests()) {
                add(new Node(new Id.Guest(guest.name()), NodeKind.GUEST, guest.name()));
                guest.nics().forEach(nic ->
                        add(new Node(new Id.Nic(guest.name(), nic.mac()), NodeKind.NIC, nicLabel(nic))));
            }
            shown.forEach(this::connectLink);
            snapshot.networks().forEach(this::connectNetwork);
            snapshot.guests().forEach(this::connectGuest);
            return new Topology(graph, nodes);
        }

        private static String nicLabel(GuestNic nic) {
            return nic.addresses().isEmpty() ? nic.mac() : nic.addresses().get(0).ip();
        }

        private void connectLink(Link link) {
            Id.Node id = new Id.Link(link.name());
            if (uplinks.isCable(link)) {
                connect(id, new Id.Outside(), EdgeKind.UPLINK);
            }
            link.master().ifPresent(master -> {
                boolean bond = links.containsKey(master) && links.get(master).kind() == LinkKind.BOND;
                connect(id, new Id.Link(master), bond ? EdgeKind.PORT_OF_BOND : EdgeKind.PORT_OF_BRIDGE);
            });
            link.parent().ifPresent(parent -> {
                switch (link.kind()) {
                    case MACVTAP -> connect(id, new Id.Link(parent), EdgeKind.MACVTAP_OVER);
                    case VLAN -> connect(id, new Id.Link(parent), EdgeKind.VLAN_OVER);
                    // one edge per veth pair, from the name that sorts first
                    case VETH -> {
                        if (link.name().compareTo(parent) < 0) {
                            connect(id, new Id.Link(parent), EdgeKind.VETH_PEER);
                        }
                    }
                    default -> { }
                }
            });
        }

        private void connectNetwork(VirtualNetwork network) {
            Id.Node id = new Id.Network(network.name());
            network.bridge().ifPresent(bridge -> connect(id, new Id.Link(bridge), EdgeKind.NETWORK_USES_BRIDGE));
            network.devices().forEach(dev -> connect(id, new Id.Link(dev), EdgeKind.NETWORK_USES_DEVICE));
        }

        private void connectGuest(Guest guest) {
            for (GuestNic nic : guest.nics()) {
                Id.Node id = new Id.Nic(guest.name(), nic.mac());
                connect(new Id.Guest(guest.name()), id, EdgeKind.GUEST_NIC);
                nic.target().ifPresent(tap -> connect(id, new Id.Link(tap), EdgeKind.TAP_OF_NIC));
                nic.source().ifPresent(source -> {
                    switch (nic.type()) {
                        case NETWORK -> connect(id, new Id.Network(source), EdgeKind.NIC_ON_NETWORK);
                        case BRIDGE -> connect(id, new Id.Link(source), EdgeKind.NIC_ON_BRIDGE);
                        case DIRECT -> connect(id, new Id.Link(source), EdgeKind.NIC_ON_DEVICE);
                        default -> { }
                    }
                });
            }
        }

        private void add(Node node) {
            if (nodes.putIfAbsent(node.id(), node) == null) {
                graph.addVertex(node);
            }
        }

        /** Connects two nodes when both exist; a reference to something absent is simply not drawn. */
        private void connect(Id.Node from, Id.Node to, EdgeKind kind) {
            Node a = nodes.get(from);
            Node b = nodes.get(to);
            if (a != null && b != null && !a.equals(b)) {
                graph.addEdge(a, b, new Edge(from, to, kind));
            }
        }
    }
}
