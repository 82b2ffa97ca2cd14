package dev.virtwire.ui;

import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.diagnose.fleet.Trunks;
import dev.virtwire.host.Host;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.SharedSegment;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.Diagram;
import dev.virtwire.ui.canvas.DiagramBuilder;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.FleetCanvas;
import dev.virtwire.ui.canvas.HostFrame;
import dev.virtwire.ui.canvas.LayeredLayout;
import dev.virtwire.ui.canvas.Spot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.VBox;

/**
 * The fleet in one tab: every host a frame on one canvas, each read, laid out and checked on its own (a host that
 * is down or slow never holds up another's frame), the LAN segments they share drawn between the frames. The
 * view reads; the troubleshooter's fixes are made on their hosts ({@link FleetFixes}), other changes in a host's own
 * tab (a frame's menu opens it).
 */
final class FleetTab extends Tab {
    /** Two hosts laid out at once: one host's large graph does not hold up the next host's frame. */
    private static final ExecutorService LAYOUT =
            Executors.newFixedThreadPool(2, DaemonThreads.named("virtwire-fleet-layout"));
    private static final ExecutorService CHECKS =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-fleet-check"));

    private final Messages text;
    private final FleetCanvas canvas = new FleetCanvas();
    private final VBox side = new VBox();
    private final FleetHosts hosts;
    private final Map<String, AtomicLong> generations = new HashMap<>();
    private final FleetTroubleshooting troubleshooting;
    private final FleetChecking between;
    private final FleetFixes fixes;
    private final Notifier notifier;
    /** Each up host's problems as its frame's summary counts them; their sum is the toolbar's Problems (n). */
    private final Map<String, Long> problems = new HashMap<>();
    private final javafx.beans.property.ReadOnlyIntegerWrapper problemCount =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "problemCount", 0);

    /**
     * @param open  opens one host to read and watch it; retry how long a host that is down waits to be tried again
     * @param window where a host is opened in a tab of its own, and the settings and state dir a fix is made with
     */
    FleetTab(List<FleetEntry> fleet, Function<FleetEntry, Host> open, Duration retry, MainWindow window) {
        super(window.text().get("fleet.tab"));
        this.text = window.text();
        this.notifier = window.notifier();
        setId("fleet-tab");
        fleet.forEach(e -> offerTab(canvas.frame(e.name(), text.get("fleet.collapse"), text.get("fleet.expand")),
                () -> window.open(e.address())));
        this.hosts = new FleetHosts(fleet, open, retry, this::shown);
        this.fixes = new FleetFixes(hosts, window.settings(), window.stateDir(), text, notifier, window.stage());
        this.troubleshooting = new FleetTroubleshooting(hosts, canvas, side, text, notifier, fixes);
        this.between = new FleetChecking(hosts, fixes, side, window.stateDir(), text, notifier);
        side.setMinWidth(300);
        SplitPane split = new SplitPane(canvas);
        SplitPane.setResizableWithParent(side, false);
        // the side holds the troubleshooter's answer, the findings between the hosts, or both
        Consumer<Boolean> sideShown = shown -> {
            if (!side.getChildren().isEmpty() && !split.getItems().contains(side)) {
                split.getItems().add(side);
                split.setDividerPositions(0.72);
            } else if (side.getChildren().isEmpty()) {
                split.getItems().remove(side);
            }
        };
        troubleshooting.onPanel(sideShown);
        between.onPanel(sideShown);
        setContent(split);
        setOnClosed(e -> close());
        hosts.start();
    }

    /** A frame's menu: Open in a tab, where the host's edits are made (as File › Open does). */
    private void offerTab(HostFrame frame, Runnable openInTab) {
        javafx.scene.control.MenuItem tab = new javafx.scene.control.MenuItem(text.get("fleet.open-in-tab"));
        tab.setId("frame-open-" + frame.host());
        tab.setOnAction(e -> openInTab.run());
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(tab);
        frame.setOnContextMenuRequested(e -> {
            menu.show(frame, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /** Stops reading the hosts and lets their editors go. */
    void close() {
        hosts.close();
        fixes.close();
    }

    FleetCanvas canvas() {
        return canvas;
    }

    FleetTroubleshooting troubleshooting() {
        return troubleshooting;
    }

    /** Check all: the findings between the hosts, each with its Fix where it is one host's change. */
    FleetChecking between() {
        return between;
    }

    /** Why Undo is off on the Fleet tab: it takes back the newest change of the host fixed last from here. */
    javafx.beans.value.ObservableStringValue undoBlocked() {
        return fixes.undoBlocked();
    }

    /** Undo on the Fleet tab: that host's newest change undone, then the host read again. */
    void undo() {
        fixes.undo(() -> fixes.lastFixed().ifPresent(between::readAgain));
    }

    /** The fleet's hosts by name, and each one's snapshot while it is up. */
    FleetHosts hosts() {
        return hosts;
    }

    /** The hosts that are up now, in the fleet's order, with what was read there. */
    Map<String, HostSnapshot> hostsUp() {
        Map<String, HostSnapshot> up = new java.util.LinkedHashMap<>();
        hosts.entries().forEach(e -> hosts.snapshot(e.name()).ifPresent(s -> up.put(e.name(), s)));
        return up;
    }

    private void shown(FleetEntry entry, FleetHosts.State state) {
        HostFrame frame = canvas.frame(entry.name(), text.get("fleet.collapse"), text.get("fleet.expand"));
        long mine = generations.computeIfAbsent(entry.name(), h -> new AtomicLong()).incrementAndGet();
        if (state instanceof FleetHosts.State.Up up) {
            draw(frame, up.snapshot(), mine);
        } else if (state instanceof FleetHosts.State.Down d) {
            countProblems(entry.name(), 0);
            long seconds = Math.max(1, Math.round(d.retry().toMillis() / 1000.0));
            frame.showMessage(text.format(d.wasUp() ? "fleet.state.lost" : "fleet.state.down", seconds),
                    d.wasUp() ? text.format("fleet.lost", d.reason(), entry.name())
                            : text.format("fleet.down", entry.name(), d.reason()), "down");
        } else if (frame.canvas().diagram().nodes().isEmpty() && !frame.getStyleClass().contains("down")) {
            // a host tried again stays "unreachable" until it answers: the frame does not flicker at every try
            frame.showMessage(text.get("fleet.state.reading"), text.where(entry.address()), "reading");
        }
        showSegments();
    }

    /**
     * Laid out off the FX thread and drawn, then checked: the frame shows its graph without waiting for the problem
     * count (the read-only rules over every running guest, seconds on a host with a hundred of them), which its
     * summary gives once known. A newer state of the host drops an older drawing, and its work when not begun.
     */
    private void draw(HostFrame frame, HostSnapshot snapshot, long mine) {
        AtomicLong generation = generations.get(frame.host());
        String host = frame.host();
        long asked = System.nanoTime();
        LAYOUT.execute(() -> {
            long started = FleetHosts.timed(host, "layout-queue", asked);
            if (generation.get() != mine) {
                FleetHosts.timed(host, "skipped", asked); // a newer state is on its way: drawn instead of this one
                return;
            }
            Diagram diagram = DiagramBuilder.build(snapshot, Set.of(), text.bundle());
            long built = FleetHosts.timed(host, "diagram", started);
            Map<BoxKey, Spot> spots = LayeredLayout.of(diagram);
            long laidOut = FleetHosts.timed(host, "layout", built);
            Platform.runLater(() -> {
                long drawing = FleetHosts.timed(host, "fx-queue", laidOut);
                if (generation.get() != mine) {
                    FleetHosts.timed(host, "dropped", asked);
                    return;
                }
                frame.showGraph(text.get("fleet.state.up"), diagram, spots, text.format("fleet.summary.checking",
                        snapshot.guests().size(), snapshot.networks().size()));
                troubleshooting.redrawn(host);
                between.redrawn();
                FleetHosts.timed(host, "draw", drawing);
                check(frame, snapshot, mine);
            });
        });
    }

    /** The host's problems counted off the FX thread, into its frame's summary and the toolbar's Problems (n). */
    private void check(HostFrame frame, HostSnapshot snapshot, long mine) {
        AtomicLong generation = generations.get(frame.host());
        String host = frame.host();
        CHECKS.execute(() -> {
            if (generation.get() != mine) {
                return; // a newer state was drawn meanwhile: it is checked instead
            }
            long started = System.nanoTime();
            long troubled = new Troubleshooter().checkAll(snapshot).values().stream().filter(Optional::isPresent)
                    .count();
            FleetHosts.timed(host, "check", started);
            String summary = text.format("fleet.summary", snapshot.guests().size(), snapshot.networks().size(),
                    troubled);
            Platform.runLater(() -> {
                if (generation.get() == mine) {
                    frame.showSummary(summary);
                    countProblems(host, troubled);
                }
            });
        });
    }

    /** How many guests have a problem over the hosts that are up. */
    javafx.beans.property.ReadOnlyIntegerProperty problemCountProperty() {
        return problemCount.getReadOnlyProperty();
    }

    private void countProblems(String host, long count) {
        problems.put(host, count);
        problemCount.set((int) problems.values().stream().mapToLong(Long::longValue).sum());
    }

    private void showSegments() {
        Map<String, HostSnapshot> snapshots = hostsUp();
        List<FleetHost> up = new ArrayList<>();
        snapshots.forEach((name, s) -> up.add(new FleetHost.Up(name, "", s)));
        canvas.showSegments(SharedSegment.of(up).stream().map(s -> {
            Map<String, String> ends = new java.util.LinkedHashMap<>();
            s.hosts().forEach(m -> ends.put(m.host(), m.link() + " " + m.address()));
            List<Integer> vlans = Trunks.carriedByAll(s.hosts().stream().map(m -> snapshots.get(m.host())).toList());
            String lan = text.format("fleet.segment", s.segment().describe());
            return new FleetCanvas.Segment("segment:" + s.segment().subnet(), vlans.isEmpty() ? lan
                    : text.format("fleet.segment.vlans", lan, vlans.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "))), ends);
        }).toList());
    }

    /** A box found by a search, and the host whose frame holds it. */
    record Found(String host, DiagramNode node) {
    }

    /** Boxes of every host whose name, MAC or IP holds the text, host by host in the fleet's order. */
    List<Found> search(String wanted) {
        List<Found> found = new ArrayList<>();
        for (HostFrame frame : canvas.frames()) {
            List<DiagramNode> here = frame.canvas().diagram().search(wanted);
            frame.canvas().mark("found", here.stream().map(DiagramNode::id).toList());
            here.forEach(n -> found.add(new Found(frame.host(), n)));
        }
        return found;
    }

    /** Opens the frame that holds it and brings the box to the middle of that frame. */
    void reveal(Found found) {
        canvas.frame(found.host()).ifPresent(frame -> {
            frame.collapsedProperty().set(false);
            canvas.layout();
            frame.canvas().reveal(found.node().id());
        });
    }

    void fit() {
        canvas.frames().forEach(f -> f.canvas().fit());
    }

    /** Zooms every open frame's graph alike, as Fit fits them all. */
    void zoomIn() {
        openGraphs().forEach(f -> f.canvas().zoomIn());
    }

    void zoomOut() {
        openGraphs().forEach(f -> f.canvas().zoomOut());
    }

    private List<HostFrame> openGraphs() {
        return canvas.frames().stream().filter(f -> !f.collapsedProperty().get() && f.hasGraph()).toList();
    }

    /** Refresh: every host that is up read again now; a read that fails is told, the frame keeps its picture. */
    void refresh() {
        hosts.refresh((entry, e) -> notifier.error(text.format("fleet.refresh.failed", entry.name()), e));
    }
}
