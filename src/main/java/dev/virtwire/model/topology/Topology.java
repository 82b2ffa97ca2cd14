package dev.virtwire.model.topology;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedMultigraph;

/**
 * The host's network as a graph, derived from a {@link HostSnapshot}. Never edited directly: a new
 * snapshot gives a new topology.
 */
public final class Topology {
    private final Graph<Node, Edge> graph;
    private final Map<String, Node> nodes;

    private Topology(Graph<Node, Edge> graph, Map<String, Node> nodes) {
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

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    private static final class Builder {
        private final HostSnapshot snapshot;
        private final Graph<Node, Edge> graph = new DirectedMultigraph<>(Edge.class);
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Uplinks uplinks;
        /** Links by name: a port asks for its master, and a host can have a thousand links. */
        private final Map<String, Link> links = new HashMap<>();

        Builder(HostSnapshot snapshot) {
            this.snapshot = snapshot;
            this.uplinks = Uplinks.of(snapshot);
            snapshot.links().forEach(l -> links.putIfAbsent(l.name(), l));
        }

        Topology build() {
            add(new Node(Node.OUTSIDE_ID, NodeKind.OUTSIDE, "LAN / internet"));
            List<Link> shown = snapshot.links().stream().filter(l -> l.kind() != LinkKind.LOOPBACK).toList();
            shown.forEach(l -> add(new Node(Node.linkId(l.name()), NodeKind.of(l.kind()), l.name())));
            snapshot.networks().forEach(n -> add(new Node(Node.networkId(n.name()), NodeKind.NETWORK, n.name())));
            for (Guest guest : snapshot.guests()) {
                add(new Node(Node.guestId(guest.name()), NodeKind.GUEST, guest.name()));
                guest.nics().forEach(nic ->
                        add(new Node(Node.nicId(guest.name(), nic.mac()), NodeKind.NIC, nicLabel(nic))));
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
            String id = Node.linkId(link.name());
            if (uplinks.isCable(link)) {
                connect(id, Node.OUTSIDE_ID, EdgeKind.UPLINK);
            }
            link.master().ifPresent(master -> {
                boolean bond = links.containsKey(master) && links.get(master).kind() == LinkKind.BOND;
                connect(id, Node.linkId(master), bond ? EdgeKind.PORT_OF_BOND : EdgeKind.PORT_OF_BRIDGE);
            });
            link.parent().ifPresent(parent -> {
                switch (link.kind()) {
                    case MACVTAP -> connect(id, Node.linkId(parent), EdgeKind.MACVTAP_OVER);
                    case VLAN -> connect(id, Node.linkId(parent), EdgeKind.VLAN_OVER);
                    // one edge per veth pair, from the name that sorts first
                    case VETH -> {
                        if (link.name().compareTo(parent) < 0) {
                            connect(id, Node.linkId(parent), EdgeKind.VETH_PEER);
                        }
                    }
                    default -> { }
                }
            });
        }

        private void connectNetwork(VirtualNetwork network) {
            String id = Node.networkId(network.name());
            network.bridge().ifPresent(bridge -> connect(id, Node.linkId(bridge), EdgeKind.NETWORK_USES_BRIDGE));
            network.devices().forEach(dev -> connect(id, Node.linkId(dev), EdgeKind.NETWORK_USES_DEVICE));
        }

        private void connectGuest(Guest guest) {
            for (GuestNic nic : guest.nics()) {
                String id = Node.nicId(guest.name(), nic.mac());
                connect(Node.guestId(guest.name()), id, EdgeKind.GUEST_NIC);
                nic.target().ifPresent(tap -> connect(id, Node.linkId(tap), EdgeKind.TAP_OF_NIC));
                nic.source().ifPresent(source -> {
                    switch (nic.type()) {
                        case NETWORK -> connect(id, Node.networkId(source), EdgeKind.NIC_ON_NETWORK);
                        case BRIDGE -> connect(id, Node.linkId(source), EdgeKind.NIC_ON_BRIDGE);
                        case DIRECT -> connect(id, Node.linkId(source), EdgeKind.NIC_ON_DEVICE);
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
        private void connect(String from, String to, EdgeKind kind) {
            Node a = nodes.get(from);
            Node b = nodes.get(to);
            if (a != null && b != null && !a.equals(b)) {
                graph.addEdge(a, b, new Edge(from, to, kind));
            }
        }
    }
}
