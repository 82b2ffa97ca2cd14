package dev.virtwire.ui;

import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.FleetHop;
import dev.virtwire.diagnose.fleet.PathAcrossHosts;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.Id;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.FleetCanvas;
import dev.virtwire.ui.canvas.HostFrame;
import dev.virtwire.ui.canvas.PathMarks;
import dev.virtwire.ui.findings.PathAcrossPanel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The troubleshooter across the fleet's frames: "why can't web1 on kvm1 reach db1 on kvm2", diagnosed as the
 * command line does ({@link PathAcrossHosts}: each host's half with its own probes, the segment between them),
 * the path drawn hop by hop on both frames and the segment box, the frame holding the broken hop marked, the
 * evidence beside the canvas with a Fix button on each host's finding that has one ({@link FleetFixes}).
 */
final class FleetTroubleshooting {
    private static final ExecutorService CHECKS =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-fleet-diagnose"));

    private final FleetHosts hosts;
    private final FleetFixes fixes;
    private final FleetCanvas canvas;
    private final VBox side;
    private final Messages text;
    private final Notifier notifier;
    private final PathAcrossPanel panel;
    private final AtomicLong asked = new AtomicLong();
    private Optional<DiagnosisAcrossHosts> shown = Optional.empty();
    private Optional<Question> question = Optional.empty();
    private Consumer<Boolean> onPanel = open -> { };

    /** What was asked last: a guest of one host, and a guest of another. */
    private record Question(String fromHost, String guest, String toHost, String target) {
    }

    FleetTroubleshooting(FleetHosts hosts, FleetCanvas canvas, VBox side, Messages text, Notifier notifier,
                         FleetFixes fixes) {
        this.hosts = hosts;
        this.fixes = fixes;
        this.canvas = canvas;
        this.side = side;
        this.text = text;
        this.notifier = notifier;
        this.panel = new PathAcrossPanel(text, hosts::snapshot, this::fix, this::close);
        VBox.setVgrow(panel, Priority.ALWAYS);
    }

    /** Told when the answer's panel opens (true) or closes. */
    void onPanel(Consumer<Boolean> listener) {
        onPanel = listener;
    }

    PathAcrossPanel panel() {
        return panel;
    }

    /** Why can't this guest of one host reach that guest of another? Both hosts must be up. */
    void troubleshoot(String fromHost, String guest, String toHost, String target) {
        Question q = new Question(fromHost, guest, toHost, target);
        question = Optional.of(q);
        open();
        panel.showAsking(fromHost + ":" + guest, toHost + ":" + target);
        ask(q);
    }

    private void ask(Question q) {
        long mine = asked.incrementAndGet();
        Optional<PathAcrossHosts.Side> from = side(q.fromHost());
        Optional<PathAcrossHosts.Side> to = side(q.toHost());
        if (from.isEmpty() || to.isEmpty()) {
            notifier.error(text.get("findings.title"), text.format("findings.across.not-up",
                    from.isEmpty() ? q.fromHost() : q.toHost()));
            return;
        }
        CHECKS.execute(() -> {
            try {
                DiagnosisAcrossHosts d = PathAcrossHosts.diagnose(from.get(), q.guest(), Optional.empty(), to.get(),
                        q.target());
                Platform.runLater(() -> {
                    if (asked.get() == mine) {
                        show(d);
                    }
                });
            } catch (RuntimeException e) {
                notifier.error(text.get("findings.title"), e);
                Platform.runLater(() -> {
                    if (asked.get() == mine) {
                        panel.showFailed(q.fromHost() + ":" + q.guest(), q.toHost() + ":" + q.target(),
                                String.valueOf(e.getMessage()));
                    }
                });
            }
        });
    }

    /**
     * A frame drawn anew (its host changed) lost its marks: they are put back at once, and when the host is one
     * of the question's the question is asked again of what was read now.
     */
    void redrawn(String host) {
        shown.ifPresent(d -> {
            canvas.frame(host).ifPresent(f -> mark(f, d));
            markSegments(d);
        });
        question.filter(q -> q.fromHost().equals(host) || q.toHost().equals(host)).ifPresent(this::ask);
    }

    /**
     * A finding's fix, on the host that finding names: previewed and applied as in the host's own tab (and kept in
     * its history), then that host read again, which walks the path again ({@link #redrawn}).
     */
    private void fix(String host, dev.virtwire.diagnose.Finding finding) {
        finding.fix().ifPresent(f -> fixes.fix(host, f, () -> hosts.refresh(host, (entry, e) -> notifier.error(
                text.format("fleet.refresh.failed", entry.name()), e))));
    }

    /** The host as it is read now, with the troubleshooter and probes that run there (none on a demo host). */
    private Optional<PathAcrossHosts.Side> side(String host) {
        Optional<FleetEntry> entry = hosts.entries().stream().filter(e -> e.name().equals(host)).findFirst();
        return entry.flatMap(e -> hosts.snapshot(host).map(snapshot -> {
            Probes probes = CommandProbes.at(e.address());
            return new PathAcrossHosts.Side(host, snapshot, new Troubleshooter(probes), probes.forOneDiagnosis());
        }));
    }

    private void show(DiagnosisAcrossHosts d) {
        shown = Optional.of(d);
        panel.show(d);
        canvas.frames().forEach(f -> mark(f, d));
        markSegments(d);
    }

    /** The segment between the hosts green or red, as its hop is. */
    private void markSegments(DiagnosisAcrossHosts d) {
        for (FleetCanvas.Segment s : canvas.segments()) {
            canvas.segmentBox(s.node()).ifPresent(box -> {
                box.getStyleClass().removeAll("path-ok", "path-bad");
                d.path().stream().filter(h -> h.host().isEmpty() && h.node().equals(s.node())).findFirst()
                        .ifPresent(h -> box.getStyleClass().add(h.ok() ? "path-ok" : "path-bad"));
            });
        }
    }

    /** The hops on this frame's host green or red; the frame itself marked when it holds the broken hop. */
    private void mark(HostFrame frame, DiagnosisAcrossHosts d) {
        List<FleetHop> here = d.path().stream().filter(h -> h.host().filter(frame.host()::equals).isPresent())
                .toList();
        PathMarks.show(frame.canvas(), keys(here.stream().filter(FleetHop::ok).toList()),
                keys(here.stream().filter(h -> !h.ok()).toList()));
        frame.mark("broken", d.brokenHop().flatMap(FleetHop::host).filter(frame.host()::equals).isPresent());
    }

    private static List<BoxKey> keys(List<FleetHop> hops) {
        return hops.stream().flatMap(h -> Id.tryParseNode(h.node()).stream()).map(BoxKey::of).toList();
    }

    private void open() {
        if (!side.getChildren().contains(panel)) {
            side.getChildren().add(panel);
        }
        onPanel.accept(true);
    }

    private void close() {
        asked.incrementAndGet();
        shown = Optional.empty();
        question = Optional.empty();
        side.getChildren().remove(panel);
        canvas.frames().forEach(f -> {
            PathMarks.clear(f.canvas());
            f.mark("broken", false);
        });
        canvas.segments().forEach(s -> canvas.segmentBox(s.node())
                .ifPresent(box -> box.getStyleClass().removeAll("path-ok", "path-bad")));
        onPanel.accept(false);
    }
}
