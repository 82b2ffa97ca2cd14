package dev.virtwire.ui.canvas;

import dev.virtwire.model.Id;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the canvas draws for one snapshot: boxes and lines, without positions. Boxes are indexed by id, NIC
 * port and member once, when made: drawing and laying out 500 guests looks them up many thousand times.
 */
public final class Diagram {
    private final List<DiagramNode> nodes;
    private final List<DiagramEdge> edges;
    private final Map<BoxKey, DiagramNode> byId = new HashMap<>();
    private final Map<Id.Node, DiagramNode> byMember = new HashMap<>();
    private final Map<BoxKey, DiagramNode> byEnd = new HashMap<>();

    public Diagram(List<DiagramNode> nodes, List<DiagramEdge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        // the first box in list order wins, as a search through the list would find it
        for (DiagramNode n : this.nodes) {
            byId.putIfAbsent(n.id(), n);
            if (n.id() instanceof BoxKey.Element e) {
                byMember.putIfAbsent(e.id(), n);
            }
            n.members().forEach(m -> byMember.putIfAbsent(m, n));
            byEnd.putIfAbsent(n.id(), n);
            n.nics().forEach(p -> byEnd.putIfAbsent(p.key(), n));
        }
    }

    public List<DiagramNode> nodes() {
        return nodes;
    }

    public List<DiagramEdge> edges() {
        return edges;
    }

    public Optional<DiagramNode> node(BoxKey key) {
        return Optional.ofNullable(byId.get(key));
    }

    /** The box that shows a topology element: itself, the network that absorbed its bridge, its guest's card. */
    public Optional<DiagramNode> boxOf(Id.Node element) {
        return Optional.ofNullable(byMember.get(element));
    }

    /** The box that shows an element (see {@link #boxOf(Id.Node)}), or the group box itself. */
    public Optional<DiagramNode> boxOf(BoxKey key) {
        return key instanceof BoxKey.Element e ? boxOf(e.id()) : node(key);
    }

    /** The box an edge end names: a box, or a NIC port inside a guest card. */
    public Optional<DiagramNode> ownerOf(BoxKey end) {
        return Optional.ofNullable(byEnd.get(end));
    }

    /** Boxes whose name, MAC or IP contains the text (case-insensitive), best (exact) matches first. */
    public List<DiagramNode> search(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<BoxKey, DiagramNode> exact = new LinkedHashMap<>();
        Map<BoxKey, DiagramNode> partial = new LinkedHashMap<>();
        for (DiagramNode node : nodes) {
            if (node.terms().contains(wanted)) {
                exact.put(node.id(), node);
            } else if (node.terms().stream().anyMatch(t -> t.contains(wanted))) {
                partial.put(node.id(), node);
            }
        }
        partial.keySet().removeAll(exact.keySet());
        return java.util.stream.Stream.concat(exact.values().stream(), partial.values().stream()).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Diagram d && d.nodes.equals(nodes) && d.edges.equals(edges);
    }

    @Override
    public int hashCode() {
        return 31 * nodes.hashCode() + edges.hashCode();
    }

    @Override
    public String toString() {
        return "Diagram[nodes=" + nodes + ", edges=" + edges + "]";
    }
}
