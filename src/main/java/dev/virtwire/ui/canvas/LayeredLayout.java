package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * A layered (Sugiyama-style) layout: one row per layer, rows ordered by barycenter sweeps to reduce
 * crossings, then x positions placed bottom-up so that each box sits above the boxes that hang from it.
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
    private static final int SWEEPS = 4;
    /** The row of guests (and groups of them); the taps' row is the one above. */
    private static final int GUESTS = 4;

    private final Diagram diagram;
    private final Graph<BoxKey, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
    private final List<List<DiagramNode>> rows = new ArrayList<>();
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
        for (int layer = 0; layer < BAND.length; layer++) {
            int l = layer;
            rows.add(new ArrayList<>(diagram.nodes().stream().filter(n -> n.layer() == l).toList()));
        }
        orderRows();
        centreTaplessGuests();
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

    /** Barycenter sweeps down and up; each box's rank is its relative position (0..1) in its row. */
    private void orderRows() {
        Map<BoxKey, Double> rank = new HashMap<>();
        rows.forEach(this::rankRow);
        rows.forEach(row -> rankInto(row, rank));
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int layer = 1; layer < rows.size(); layer++) {
                sortByBarycenter(rows.get(layer), rank, true);
            }
            for (int layer = rows.size() - 2; layer >= 0; layer--) {
                sortByBarycenter(rows.get(layer), rank, false);
            }
        }
    }

    /**
     * A guest without a tap (shut off) hangs from its network by a line of its own: at the end of the network's
     * guests that line passes under the tap of every guest between the network and it (at 500 guests, hundreds
     * of crossings); in the middle of them it runs straight down, as the network sits over the middle. The taps
     * then follow their guests' new order.
     */
    private void centreTaplessGuests() {
        List<DiagramNode> guests = rows.get(GUESTS);
        int start = 0;
        while (start < guests.size()) {
            Optional<BoxKey> home = home(guests.get(start));
            int end = start + 1;
            while (end < guests.size() && home(guests.get(end)).equals(home)) {
                end++;
            }
            List<DiagramNode> run = guests.subList(start, end);
            List<DiagramNode> tapless = run.stream().filter(g -> !hasTap(g)).toList();
            if (!tapless.isEmpty() && tapless.size() < run.size()) {
                List<DiagramNode> wired = new ArrayList<>(run.stream().filter(this::hasTap).toList());
                wired.addAll(wired.size() / 2, tapless);
                for (int i = 0; i < wired.size(); i++) {
                    run.set(i, wired.get(i));
                }
            }
            start = end;
        }
        Map<BoxKey, Double> order = new HashMap<>();
        for (int i = 0; i < guests.size(); i++) {
            order.put(guests.get(i).id(), (double) i);
        }
        List<DiagramNode> taps = rows.get(GUESTS - 1);
        Map<BoxKey, Double> key = new HashMap<>();
        for (int i = 0; i < taps.size(); i++) {
            double scaled = taps.size() < 2 ? 0 : i * (guests.size() - 1.0) / (taps.size() - 1.0);
            key.put(taps.get(i).id(), Graphs.neighborListOf(graph, taps.get(i).id()).stream()
                    .filter(order::containsKey).mapToDouble(order::get).average().orElse(scaled));
        }
        taps.sort(Comparator.comparing(t -> key.get(t.id())));
    }

    /** The box a guest's first line leads up to past its tap: its network or bridge. */
    private Optional<BoxKey> home(DiagramNode guest) {
        return Graphs.neighborListOf(graph, guest.id()).stream()
                .flatMap(above -> layerOf(above) == GUESTS - 1
                        ? Graphs.neighborListOf(graph, above).stream().filter(n -> layerOf(n) < GUESTS - 1)
                        : java.util.stream.Stream.of(above))
                .filter(n -> layerOf(n) < GUESTS).min(BoxKey.BY_TEXT);
    }

    private boolean hasTap(DiagramNode guest) {
        return Graphs.neighborListOf(graph, guest.id()).stream().anyMatch(n -> layerOf(n) == GUESTS - 1);
    }

    private int layerOf(BoxKey box) {
        return diagram.node(box).map(DiagramNode::layer).orElse(0);
    }

    private void rankRow(List<DiagramNode> row) {
        row.sort(Comparator.comparing((DiagramNode n) -> n.kind().ordinal()).thenComparing(DiagramNode::id, BoxKey.BY_TEXT));
    }

    private static void rankInto(List<DiagramNode> row, Map<BoxKey, Double> rank) {
        for (int i = 0; i < row.size(); i++) {
            rank.put(row.get(i).id(), (i + 0.5) / row.size());
        }
    }

    private void sortByBarycenter(List<DiagramNode> row, Map<BoxKey, Double> rank, boolean fromAbove) {
        Map<BoxKey, Double> key = new HashMap<>();
        for (DiagramNode n : row) {
            double sum = 0;
            int count = 0;
            for (BoxKey other : Graphs.neighborListOf(graph, n.id())) {
                int otherLayer = diagram.node(other).map(DiagramNode::layer).orElse(n.layer());
                // neighbours in the same row (a network over a bridge, a VLAN over its NIC) pull together too
                if (otherLayer == n.layer() || (fromAbove ? otherLayer < n.layer() : otherLayer > n.layer())) {
                    OptionalDouble through = fromAbove && otherLayer == n.layer() - 1 ? rankAbove(other, rank)
                            : OptionalDouble.of(rank.get(other));
                    if (through.isPresent()) {
                        sum += through.getAsDouble();
                        count++;
                    }
                }
            }
            key.put(n.id(), count == 0 ? rank.get(n.id()) : sum / count);
        }
        // stable sort: boxes with equal barycenters keep their order (and so their stable ids order)
        row.sort(Comparator.comparing(n -> key.get(n.id())));
        rankInto(row, rank);
    }

    /**
     * A guest sorts by where its taps lead (the bridge above the tap), not by the taps' own order, which
     * follows the guests; a tap that leads nowhere does not count.
     */
    private OptionalDouble rankAbove(BoxKey box, Map<BoxKey, Double> rank) {
        int layer = diagram.node(box).map(DiagramNode::layer).orElse(0);
        if (layer != 3) {
            return OptionalDouble.of(rank.get(box));
        }
        return Graphs.neighborListOf(graph, box).stream()
                .filter(o -> diagram.node(o).map(DiagramNode::layer).orElse(9) < layer)
                .mapToDouble(rank::get).average();
    }

    /** The widest row (guests) is packed; every row above centres its boxes over their lower neighbours. */
    private void placeBottomUp() {
        List<DiagramNode> guests = rows.get(GUESTS);
        GuestTiers wall = new GuestTiers(GAP, HOME_GAP, this::home);
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
