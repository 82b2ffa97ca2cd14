package dev.virtwire.model.topology;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;

/**
 * The topology in Graphviz dot, laid out top-down from the outside to the guests, each row of boxes in the
 * canvas's left-to-right order ({@link TopologyRows}): one rank per row, held in order by invisible edges.
 */
public final class TopologyDot {
    private TopologyDot() {
    }

    public static String of(HostSnapshot snapshot) {
        Topology topology = Topology.of(snapshot);
        StringBuilder out = new StringBuilder("digraph \"").append(escape(snapshot.host().name()))
                .append("\" {\n  rankdir=BT;\n  node [fontname=\"sans-serif\"];\n");
        for (Node n : topology.nodes()) {
            out.append("  \"").append(escape(n.id().text())).append("\" [label=\"").append(escape(n.label()))
                    .append("\\n(").append(n.kind().json()).append(")\", shape=").append(shape(n.kind())).append("];\n");
        }
        for (Edge e : topology.edges()) {
            out.append("  \"").append(escape(e.from().text())).append("\" -> \"").append(escape(e.to().text()))
                    .append("\" [label=\"").append(e.kind().json()).append("\"];\n");
        }
        for (List<Id.Node> row : TopologyRows.of(snapshot, topology).order()) {
            if (!row.isEmpty()) {
                out.append("  { rank=same; ").append(String.join(" -> ", row.stream()
                        .map(id -> "\"" + escape(id.text()) + "\"").toList()))
                        .append(row.size() > 1 ? " [style=invis]" : "").append("; }\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String shape(NodeKind kind) {
        return switch (kind) {
            case OUTSIDE -> "doubleoctagon";
            case NETWORK -> "ellipse";
            case GUEST -> "box3d";
            case NIC -> "note";
            default -> "box";
        };
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
