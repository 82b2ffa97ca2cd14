package dev.virtwire.ui.canvas;

import dev.virtwire.model.topology.RowOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * A layered (Sugiyama-style) layout: one row per layer, rows ordered by {@link RowOrder} (as the --dot export
 * is) to reduce crossings, then x positions placed bottom-up so that each box sits above the boxes that hang from it.
 * Deterministic: the same diagram always gives the same picture, so positions are stable across refreshes.
 */
public final class LayeredLayout {
    private static final double GAP = 20;
    private static final double HOME_GAP = 40;
    private static final double MARGIN = 40;
    private static final double[] BAND = {60, 74, 74, 30, 96};
    private static final double ROW_GAP = 76;
    /** Between the two tiers of a long guests' row (GuestTiers), and between their two rows of taps. */
    private static final double TIER_GAP = 22;
    /** The row of guests (and groups of them); the taps' row is the one above. */
    private static final int GUESTS = 4;

    private final Diagram diagram;
    private final Graph<BoxKey, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
    private final List<List<DiagramNode>> rows = new ArrayList<>();
    private RowOrder<BoxKey> order;
    private final Map<BoxKey, Double> centers = new HashMap<>();
    /** 0 for every box but the lower tier's guests and taps (GuestTiers) */
    private final Map<BoxKey, Integer> tiers = new HashMap<>();
    /** upper box -> lower box -> the NIC port of the lower (guest) box the line leaves from */
    private final Map<BoxKey, Map<BoxKey, BoxKey>> ports = new HashMap<>();

    private LayeredLayout(Diagram diagram) {
        this.diagram = diagram;
    }

    public static Map<BoxKey, Spot> of(Diagram diagram) {
        return new LayeredLayout(diagram).place();
    }

    /** The top of a layer's row. */
    public static double rowTop(int layer) {
        double y = MARGIN;
        for (int i = 0; i < layer; i++) {
            y += BAND[i] + ROW_GAP;
        }
        return y;
    }

    private Map<BoxKey, Spot> place() {
        diagram.nodes().forEach(n -> graph.addVertex(n.id()));
        for (DiagramEdge e : diagram.edges()) {
            BoxKey a = diagram.ownerOf(e.from()).map(DiagramNode::id).orElseThrow();
            BoxKey b = diagram.ownerOf(e.to()).map(DiagramNode::id).orElseThrow();
            if (!a.equals(b)) {
                graph.addEdge(a, b);
                if (!e.from().equals(a)) {
                    ports.computeIfAbsent(b, k -> new HashMap<>()).put(a, e.from());
                }
            }
        }
        order = new RowOrder<>(graph, this::layerOf, BoxKey.BY_TEXT, GUESTS);
        Comparator<BoxKey> first = Comparator.comparing((BoxKey k) -> diagram.node(k).orElseThrow().kind().ordinal())
                .thenComparing(BoxKey.BY_TEXT);
        order.rows(first).forEach(row -> rows.add(row.stream().map(k -> diagram.node(k).orElseThrow()).toList()));
        placeBottomUp();
        Map<BoxKey, Spot> spots = new LinkedHashMap<>();
        double minLeft = diagram.nodes().stream().mapToDouble(n -> centers.get(n.id()) - n.width() / 2).min().orElse(0);
        for (DiagramNode n : diagram.nodes()) {
            spots.put(n.id(), new Spot(centers.get(n.id()) - n.width() / 2 - minLeft + MARGIN, top(n)));
        }
        return spots;
    }

    /**
     * A box's top: centred in its layer's band; with two tiers of guests, the lower tier's taps get a row under
     * the upper tier's, and the guests' rows move down by it.
     */
    private double top(DiagramNode n) {
        int tier = tiers.getOrDefault(n.id(), 0);
        boolean twoTiers = tiers.containsValue(1);
        double y = rowTop(n.layer()) + (BAND[n.layer()] - n.height()) / 2;
        if (n.layer() == GUESTS - 1) {
            return y + tier * (BAND[GUESTS - 1] + TIER_GAP);
        }
        if (n.layer() == GUESTS && twoTiers) {
            return y + BAND[GUESTS - 1] + TIER_GAP + tier * (BAND[GUESTS] + TIER_GAP);
        }
        return y;
    }

    /** The widest row (guests) is packed; every row above centres its boxes over their lower neighbours. */
    private void placeBottomUp() {
        List<DiagramNode> guests = rows.get(GUESTS);
        GuestTiers wall = new GuestTiers(GAP, HOME_GAP, n -> order.home(n.id()));
        Map<BoxKey, Integer> guestTiers = wall.tiers(guests);
        if (guestTiers.containsValue(1)) {
            tiers.putAll(guestTiers);
            centers.putAll(wall.centres(guests, guestTiers));
            for (DiagramNode tap : rows.get(GUESTS - 1)) {
                Graphs.neighborListOf(graph, tap.id()).stream().filter(tiers::containsKey).findFirst()
                        .ifPresent(guest -> tiers.put(tap.id(), tiers.get(guest)));
            }
        }
        for (int layer = rows.size() - 1; layer >= 0; layer--) {
            if (layer == GUESTS && !tiers.isEmpty()) {
                continue;
            }
            // each row of taps is packed on its own: the lower tier's taps sit under the gaps of the upper's
            for (int tier = 0; tier < 2; tier++) {
                int t = tier;
                List<DiagramNode> row = rows.get(layer).stream().filter(n -> tiers.getOrDefault(n.id(), 0) == t)
                        .toList();
                if (!row.isEmpty()) {
                    placeRow(row);
                }
            }
        }
    }

    private void placeRow(List<DiagramNode> row) {
        double[] desired = new double[row.size()];
        double next = 0;
        for (int i = 0; i < row.size(); i++) {
            DiagramNode n = row.get(i);
            double below = barycenterBelow(n);
            desired[i] = Double.isNaN(below) ? next + n.width() / 2 : below;
            next = desired[i] + n.width() / 2 + GAP;
        }
        pack(row, desired);
    }

    private int layerOf(BoxKey box) {
        return diagram.node(box).map(DiagramNode::layer).orElse(0);
    }

    private double barycenterBelow(DiagramNode n) {
        double sum = 0;
        int count = 0;
        for (BoxKey other : Graphs.neighborListOf(graph, n.id())) {
            DiagramNode o = diagram.node(other).orElseThrow();
            if (o.layer() > n.layer() && centers.containsKey(other)) {
                BoxKey port = ports.getOrDefault(n.id(), Map.of()).get(other);
                sum += port == null ? centers.get(other) : centers.get(other) - o.width() / 2 + o.portCenter(port);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Places boxes in row order as close to their desired centres as they can be without overlapping:
     * overlapping boxes merge into blocks that sit at the mean of their members' wishes.
     */
    private void pack(List<DiagramNode> row, double[] desired) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Block block = new Block();
            block.add(row.get(i), desired[i], 0);
            while (!blocks.isEmpty()) {
                Block last = blocks.get(blocks.size() - 1);
                double gap = gapBetween(last.nodes.get(last.nodes.size() - 1), row.get(i));
                if (last.left() + last.width + gap <= block.left()) {
                    break;
                }
                blocks.remove(blocks.size() - 1);
                last.absorb(block, gap);
                block = last;
            }
            blocks.add(block);
        }
        for (Block b : blocks) {
            double left = b.left();
            for (int i = 0; i < b.nodes.size(); i++) {
                centers.put(b.nodes.get(i).id(), left + b.offsets.get(i) + b.nodes.get(i).width() / 2);
            }
        }
    }

    private double gapBetween(DiagramNode a, DiagramNode b) {
        if (a.layer() < 4) {
            return GAP;
        }
        return firstNeighbourAbove(a).equals(firstNeighbourAbove(b)) ? GAP : HOME_GAP;
    }

    private Optional<BoxKey> firstNeighbourAbove(DiagramNode n) {
        return Graphs.neighborListOf(graph, n.id()).stream().min(BoxKey.BY_TEXT);
    }

    private static final class Block {
        final List<DiagramNode> nodes = new ArrayList<>();
        final List<Double> offsets = new ArrayList<>();
        double sumWish;
        double width;

        void add(DiagramNode n, double desiredCenter, double offset) {
            nodes.add(n);
            offsets.add(offset);
            sumWish += desiredCenter - n.width() / 2 - offset;
            width = offset + n.width();
        }

        void absorb(Block other, double gap) {
            double shift = width + gap;
            for (int i = 0; i < other.nodes.size(); i++) {
                DiagramNode n = other.nodes.get(i);
                double offset = other.offsets.get(i) + shift;
                nodes.add(n);
                offsets.add(offset);
            }
            sumWish += other.sumWish - shift * other.nodes.size();
            width = shift + other.width;
        }

        double left() {
            return sumWish / nodes.size();
        }
    }
}
