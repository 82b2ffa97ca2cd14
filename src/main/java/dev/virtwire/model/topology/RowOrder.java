package dev.virtwire.model.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;

/**
 * The left-to-right order of a host drawn in rows, from the outside at the top to the guests at the bottom:
 * barycenter sweeps that keep lines from crossing. The canvas and the {@code --dot} export both order their
 * boxes with it, so a host reads the same in both. Deterministic: ties keep the rows' first order.
 *
 * @param <K> a box: the canvas's boxes, or the topology's nodes merged as the canvas merges them
 */
public final class RowOrder<K> {
    private static final int SWEEPS = 4;

    private final Graph<K, DefaultEdge> graph;
    private final ToIntFunction<K> row;
    private final Comparator<K> byText;
    private final int guests;

    /**
     * @param graph  the boxes and their lines (undirected; a box's row is {@code row})
     * @param row    0 = the outside at the top ... {@code guests} = the guests' row at the bottom; the row just
     *               above the guests' is their taps', which lead through to the bridges and networks above
     * @param byText the boxes' names' order: what a guest's home is when it has several
     */
    public RowOrder(Graph<K, DefaultEdge> graph, ToIntFunction<K> row, Comparator<K> byText, int guests) {
        this.graph = graph;
        this.row = row;
        this.byText = byText;
        this.guests = guests;
    }

    /** Every box of the graph, row by row, each row left to right; {@code first} orders a row before the sweeps. */
    public List<List<K>> rows(Comparator<K> first) {
        List<List<K>> rows = new ArrayList<>();
        for (int r = 0; r <= guests; r++) {
            int wanted = r;
            rows.add(new ArrayList<>(graph.vertexSet().stream().filter(k -> row.applyAsInt(k) == wanted)
                    .sorted(first).toList()));
        }
        Map<K, Double> rank = new HashMap<>();
        rows.forEach(r -> rankInto(r, rank));
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int r = 1; r < rows.size(); r++) {
                sortByBarycenter(rows.get(r), rank, true);
            }
            for (int r = rows.size() - 2; r >= 0; r--) {
                sortByBarycenter(rows.get(r), rank, false);
            }
        }
        centreTaplessGuests(rows);
        return rows;
    }

    /** The box a guest's first line leads up to past its tap: its network or bridge. */
    public Optional<K> home(K guest) {
        return Graphs.neighborListOf(graph, guest).stream()
                .flatMap(above -> row.applyAsInt(above) == guests - 1
                        ? Graphs.neighborListOf(graph, above).stream().filter(n -> row.applyAsInt(n) < guests - 1)
                        : Stream.of(above))
                .filter(n -> row.applyAsInt(n) < guests).min(byText);
    }

    /**
     * A guest without a tap (shut off) hangs from its network by a line of its own: at the end of the network's
     * guests that line passes under the tap of every guest between the network and it (at 500 guests, hundreds
     * of crossings); in the middle of them it runs straight down, as the network sits over the middle. The taps
     * then follow their guests' new order.
     */
    private void centreTaplessGuests(List<List<K>> rows) {
        List<K> guestRow = rows.get(guests);
        int start = 0;
        while (start < guestRow.size()) {
            Optional<K> home = home(guestRow.get(start));
            int end = start + 1;
            while (end < guestRow.size() && home(guestRow.get(end)).equals(home)) {
                end++;
            }
            List<K> run = guestRow.subList(start, end);
            List<K> tapless = run.stream().filter(g -> !hasTap(g)).toList();
            if (!tapless.isEmpty() && tapless.size() < run.size()) {
                List<K> wired = new ArrayList<>(run.stream().filter(this::hasTap).toList());
                wired.addAll(wired.size() / 2, tapless);
                for (int i = 0; i < wired.size(); i++) {
                    run.set(i, wired.get(i));
                }
            }
            start = end;
        }
        Map<K, Double> order = new HashMap<>();
        for (int i = 0; i < guestRow.size(); i++) {
            order.put(guestRow.get(i), (double) i);
        }
        List<K> taps = rows.get(guests - 1);
        Map<K, Double> key = new HashMap<>();
        for (int i = 0; i < taps.size(); i++) {
            double scaled = taps.size() < 2 ? 0 : i * (guestRow.size() - 1.0) / (taps.size() - 1.0);
            key.put(taps.get(i), Graphs.neighborListOf(graph, taps.get(i)).stream()
                    .filter(order::containsKey).mapToDouble(order::get).average().orElse(scaled));
        }
        taps.sort(Comparator.comparing(key::get));
    }

    private boolean hasTap(K guest) {
        return Graphs.neighborListOf(graph, guest).stream().anyMatch(n -> row.applyAsInt(n) == guests - 1);
    }

    private static <K> void rankInto(List<K> row, Map<K, Double> rank) {
        for (int i = 0; i < row.size(); i++) {
            rank.put(row.get(i), (i + 0.5) / row.size());
        }
    }

    private void sortByBarycenter(List<K> boxes, Map<K, Double> rank, boolean fromAbove) {
        Map<K, Double> key = new HashMap<>();
        for (K n : boxes) {
            int own = row.applyAsInt(n);
            double sum = 0;
            int count = 0;
            for (K other : Graphs.neighborListOf(graph, n)) {
                int otherRow = row.applyAsInt(other);
                // neighbours in the same row (a network over a bridge, a VLAN over its NIC) pull together too
                if (otherRow == own || (fromAbove ? otherRow < own : otherRow > own)) {
                    OptionalDouble through = fromAbove && otherRow == own - 1 ? rankAbove(other, rank)
                            : OptionalDouble.of(rank.get(other));
                    if (through.isPresent()) {
                        sum += through.getAsDouble();
                        count++;
                    }
                }
            }
            key.put(n, count == 0 ? rank.get(n) : sum / count);
        }
        // stable sort: boxes with equal barycenters keep their order (and so their names' order)
        boxes.sort(Comparator.comparing(key::get));
        rankInto(boxes, rank);
    }

    /**
     * A guest sorts by where its taps lead (the bridge above the tap), not by the taps' own order, which
     * follows the guests; a tap that leads nowhere does not count.
     */
    private OptionalDouble rankAbove(K box, Map<K, Double> rank) {
        int own = row.applyAsInt(box);
        if (own != guests - 1) {
            return OptionalDouble.of(rank.get(box));
        }
        return Graphs.neighborListOf(graph, box).stream().filter(o -> row.applyAsInt(o) < own)
                .mapToDouble(rank::get).average();
    }
}
