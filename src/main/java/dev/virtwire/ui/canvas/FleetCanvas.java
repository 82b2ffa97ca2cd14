package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * The fleet on one canvas: a frame per host side by side (a collapsed frame takes only its title line's width),
 * and above them the LAN segments hosts share, each a box with a line down to every host on it. The lines end
 * on the frames' title lines, which stay put whatever a frame's own graph does.
 */
public final class FleetCanvas extends Region {
    private static final double GAP = 20;
    private static final double PAD = 14;
    /** From a frame's top to the middle of its title line, where a segment's line enters a frame further down. */
    private static final double TITLE_MIDDLE = 16;
    private static final double BAND = 64;
    private static final double COLLAPSED_MIN = 220;
    private static final double MESSAGE_WIDTH = 380;

    /**
     * A segment hosts share, as it is drawn: its node ({@code segment:192.168.1.0/24}, the path's word for it),
     * the box's words, and each host on it with the words at its end of the line (its link and address).
     */
    public record Segment(String node, String title, Map<String, String> hosts) {
        public Segment {
            hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        }
    }

    private final Map<String, HostFrame> frames = new LinkedHashMap<>();
    private final Group segmentLayer = new Group();
    private final Map<String, Label> segmentBoxes = new LinkedHashMap<>();
    private List<Segment> segments = List.of();

    public FleetCanvas() {
        getStyleClass().add("fleet-canvas");
        setId("fleet-canvas");
        segmentLayer.setManaged(false);
        getChildren().add(segmentLayer);
    }

    /** The host's frame, made on first use, in the order hosts are first named. */
    public HostFrame frame(String host, String collapseWords, String expandWords) {
        return frames.computeIfAbsent(host, h -> {
            HostFrame frame = new HostFrame(h, collapseWords, expandWords);
            frame.collapsedProperty().addListener((o, was, now) -> requestLayout());
            getChildren().add(frame);
            return frame;
        });
    }

    public Optional<HostFrame> frame(String host) {
        return Optional.ofNullable(frames.get(host));
    }

    public List<HostFrame> frames() {
        return List.copyOf(frames.values());
    }

    /** Draws the shared segments (none clears them). */
    public void showSegments(List<Segment> shared) {
        segments = List.copyOf(shared);
        Map<String, Label> was = new LinkedHashMap<>(segmentBoxes);
        segmentBoxes.clear();
        for (Segment s : segments) {
            // a segment still there keeps its box, and the marks on it (a path drawn across it)
            Label box = was.computeIfAbsent(s.node(), node -> {
                Label made = new Label();
                made.getStyleClass().add("segment-box");
                made.setId(node.replaceAll("[^A-Za-z0-9]", "_"));
                made.setPadding(new Insets(4, 10, 4, 10));
                return made;
            });
            box.setText(s.title());
            segmentBoxes.put(s.node(), box);
        }
        requestLayout();
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The box that draws a segment ({@code segment:…}), to mark it or read it. */
    public Optional<Label> segmentBox(String node) {
        return Optional.ofNullable(segmentBoxes.get(node));
    }

    @Override
    protected void layoutChildren() {
        double band = segments.isEmpty() ? 0 : BAND;
        double top = PAD + band;
        double height = Math.max(0, getHeight() - top - PAD);
        // the room goes to the graphs, in the grid that draws them largest; a collapsed frame (its title line) and
        // one without a graph (reading, down) stand in a column at the right that their words fit in
        List<HostFrame> graphs = frames.values().stream().filter(f -> !f.collapsedProperty().get() && f.hasGraph())
                .toList();
        List<HostFrame> others = frames.values().stream().filter(f -> !graphs.contains(f)).toList();
        double side = others.stream().mapToDouble(this::narrowWidth).max().orElse(-GAP) + GAP;
        double width = Math.max(120, getWidth() - 2 * PAD - side);
        int columns = FrameGrid.columns(graphs.stream().map(HostFrame::picture).toList(), width, height, GAP);
        int rows = Math.max(1, (graphs.size() + columns - 1) / columns);
        double cellWidth = (width - GAP * (columns - 1)) / columns;
        double cellHeight = (height - GAP * (rows - 1)) / rows;
        for (int i = 0; i < graphs.size(); i++) {
            graphs.get(i).resizeRelocate(PAD + (i % columns) * (cellWidth + GAP), top + (i / columns)
                    * (cellHeight + GAP), cellWidth, cellHeight);
        }
        double x = graphs.isEmpty() ? PAD : PAD + width + GAP;
        double y = top;
        long words = others.stream().filter(f -> !f.collapsedProperty().get()).count();
        double closedHeight = others.stream().filter(f -> f.collapsedProperty().get())
                .mapToDouble(f -> f.prefHeight(narrowWidth(f)) + GAP).sum();
        for (HostFrame f : others) {
            // with no graph on show yet, words take the whole width rather than a column with nothing left of it
            double w = graphs.isEmpty() && !f.collapsedProperty().get() ? getWidth() - 2 * PAD : side - GAP;
            double h = f.collapsedProperty().get() ? f.prefHeight(w)
                    : (height - closedHeight - GAP * (words - 1)) / words;
            f.resizeRelocate(x, y, w, h);
            y += h + GAP;
        }
        routeSegments(top);
    }

    private double narrowWidth(HostFrame f) {
        return f.collapsedProperty().get() ? Math.max(COLLAPSED_MIN, f.prefWidth(-1)) : MESSAGE_WIDTH;
    }

    /**
     * Each segment's box above the middle of its hosts, a line from it to each host's frame: straight down to a
     * frame of the first row, down the gap left of a frame further down and into its title line.
     */
    private void routeSegments(double framesTop) {
        List<javafx.scene.Node> drawn = new ArrayList<>();
        List<Label> ends = new ArrayList<>();
        List<double[]> endsAt = new ArrayList<>();
        double nextBox = PAD;
        for (Segment s : segments) {
            Label box = segmentBoxes.get(s.node());
            List<HostFrame> on = s.hosts().keySet().stream().map(frames::get).filter(f -> f != null).toList();
            if (on.isEmpty()) {
                continue;
            }
            double left = on.stream().mapToDouble(f -> f.getLayoutX() + f.getWidth() / 2).min().orElse(0);
            double right = on.stream().mapToDouble(f -> f.getLayoutX() + f.getWidth() / 2).max().orElse(0);
            box.applyCss();
            double bw = box.prefWidth(-1);
            double bh = box.prefHeight(bw);
            double bx = Math.max(nextBox, (left + right) / 2 - bw / 2);
            nextBox = bx + bw + GAP;
            box.resizeRelocate(bx, PAD, bw, bh);
            double busY = PAD + bh + (framesTop - PAD - bh) / 2;
            for (HostFrame f : on) {
                double fx = f.getLayoutX() + f.getWidth() / 2;
                double top = f.getLayoutY();
                Polyline line = new Polyline();
                if (top <= framesTop + 1) {
                    line.getPoints().addAll(Math.min(Math.max(fx, bx + 12), bx + bw - 12), PAD + bh, fx, framesTop);
                    endsAt.add(new double[] {fx + 6, framesTop});
                } else {
                    double gutter = f.getLayoutX() - GAP / 2;
                    double title = top + TITLE_MIDDLE;
                    line.getPoints().addAll(bx + 12, PAD + bh, bx + 12, busY, gutter, busY, gutter, title,
                            f.getLayoutX(), title);
                    endsAt.add(new double[] {f.getLayoutX() + 6, top});
                }
                line.getStyleClass().add("segment-line");
                Label end = new Label(s.hosts().get(f.host()));
                end.getStyleClass().add("segment-end");
                ends.add(end);
                drawn.add(line);
                drawn.add(end);
            }
            drawn.add(box);
        }
        segmentLayer.getChildren().setAll(drawn);
        // a label has its size once it is in the scene and styled; it stands in the gap above its frame
        for (int i = 0; i < ends.size(); i++) {
            Label end = ends.get(i);
            end.applyCss();
            double ew = end.prefWidth(-1);
            double eh = end.prefHeight(ew);
            end.resizeRelocate(endsAt.get(i)[0], endsAt.get(i)[1] - eh - 1, ew, eh);
        }
    }
}
