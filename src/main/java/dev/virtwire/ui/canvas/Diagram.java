package dev.virtwire.ui.canvas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the canvas draws for one snapshot: boxes and lines, without positions. */
public record Diagram(List<DiagramNode> nodes, List<DiagramEdge> edges) {

    public Diagram {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<DiagramNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The box that shows a topology element: itself, the network that absorbed its bridge, its guest's card. */
    public Optional<DiagramNode> boxOf(String topologyId) {
        return nodes.stream().filter(n -> n.id().equals(topologyId) || n.members().contains(topologyId)).findFirst();
    }

    /** The box an edge end names: a box id, or a NIC port id inside a guest card. */
    public Optional<DiagramNode> ownerOf(String endId) {
        return nodes.stream().filter(n -> n.id().equals(endId) || n.nic(endId).isPresent()).findFirst();
    }

    /** Boxes whose name, MAC or IP contains the text (case-insensitive), best (exact) matches first. */
    public List<DiagramNode> search(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, DiagramNode> exact = new LinkedHashMap<>();
        Map<String, DiagramNode> partial = new LinkedHashMap<>();
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
}
