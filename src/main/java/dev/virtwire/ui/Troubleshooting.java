package dev.virtwire.ui;

import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.FixOutcome;
import dev.virtwire.diagnose.Hop;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.findings.FindingsPanel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.layout.VBox;

/**
 * The troubleshooter in the window: a guest's path drawn hop by hop (green up to the first problem, red from
 * there), the findings beside the canvas with Fix buttons (a fix is an ordinary change: preview, apply, undo),
 * re-checked whenever the host changes; and "check all guests" badges.
 */
final class Troubleshooting {
    private static final ExecutorService CHECKS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtwire-diagnose");
        t.setDaemon(true);
        return t;
    });

    private final HostSession session;
    private final GraphCanvas canvas;
    private final VBox side;
    private final HostEditor editor;
    private final Messages text;
    private final Notifier notifier;
    private final Troubleshooter troubleshooter;
    private final FindingsPanel panel;
    private Optional<Question> asked = Optional.empty();
    private boolean badges;

    private record Question(String guest, Destination destination) {
    }

    Troubleshooting(HostSession session, GraphCanvas canvas, VBox side, HostEditor editor, Messages text,
                    Notifier notifier) {
        this.session = session;
        this.canvas = canvas;
        this.side = side;
        this.editor = editor;
        this.text = text;
        this.notifier = notifier;
        this.troubleshooter = new Troubleshooter().suggesting(session.changes().suggested());
        this.panel = new FindingsPanel(text, this::fix, this::close);
    }

    /** Why can't this guest reach that? */
    void troubleshoot(String guest, Destination destination) {
        asked = Optional.of(new Question(guest, destination));
        panel.clearOutcome();
        recheck(session.snapshot());
    }

    void checkAll() {
        badges = true;
        refreshBadges(true);
    }

    private void refreshBadges(boolean announce) {
        HostSnapshot snapshot = session.snapshot();
        background(() -> troubleshooter.checkAll(snapshot), worst -> showBadges(worst, announce));
    }

    FindingsPanel panel() {
        return panel;
    }

    /** Marks belong to the boxes drawn: after every redraw (a host change, too) the answer is checked again. */
    void redrawn() {
        asked.ifPresent(q -> recheck(session.snapshot()));
        if (badges) {
            refreshBadges(false);
        }
    }

    private void recheck(HostSnapshot snapshot) {
        asked.ifPresent(q -> background(() -> troubleshooter.remembering(session.rememberedDefaultRoutes())
                .diagnose(snapshot, q.guest(), Optional.empty(), q.destination()), this::show));
    }

    private void show(Diagnosis d) {
        if (!side.getChildren().contains(panel)) {
            side.getChildren().add(1, panel);
            VBox.setVgrow(panel, javafx.scene.layout.Priority.ALWAYS);
        }
        panel.show(d);
        // every hop green or red; a box that holds a bad hop (a guest card with a bad NIC) is red
        List<BoxKey> bad = d.path().stream().filter(h -> !h.ok()).map(h -> BoxKey.of(h.nodeId())).toList();
        List<BoxKey> badBoxes = bad.stream().flatMap(id -> canvas.diagram().boxOf(id).stream())
                .map(n -> n.id()).toList();
        canvas.mark("path-ok", d.path().stream().filter(Hop::ok).map(h -> BoxKey.of(h.nodeId()))
                .filter(id -> canvas.diagram().boxOf(id).filter(n -> badBoxes.contains(n.id())).isEmpty()).toList());
        canvas.mark("path-bad", bad);
    }

    private void showBadges(Map<String, Optional<Finding>> worst, boolean announce) {
        List<BoxKey> trouble = worst.entrySet().stream()
                .filter(e -> e.getValue().filter(f -> f.severity() == Severity.ERROR).isPresent())
                .map(e -> BoxKey.of(new Id.Guest(e.getKey()))).toList();
        List<BoxKey> warning = worst.entrySet().stream()
                .filter(e -> e.getValue().filter(f -> f.severity() != Severity.ERROR).isPresent())
                .map(e -> BoxKey.of(new Id.Guest(e.getKey()))).toList();
        canvas.mark("trouble", trouble);
        canvas.mark("warning", warning);
        if (announce) {
            long problems = worst.values().stream().filter(Optional::isPresent).count();
            notifier.info(text.get("menu.check-all"), text.format("check-all.done", problems, worst.size()));
        }
    }

    /**
     * Applies the fix, then proves it: the same question is diagnosed again on a fresh read of the host, with
     * active probes where there is a real kernel, and the panel says whether the guest now reaches its target
     * (or what is left), never more than that diagnosis says.
     */
    private void fix(Finding finding) {
        Optional<Question> question = asked;
        finding.fix().ifPresent(f -> editor.request(f.intent(), kept -> question.ifPresent(q -> background(
                () -> FixOutcome.of(probing().remembering(session.rememberedDefaultRoutes())
                        .diagnose(session.host().snapshot(), q.guest(), Optional.empty(), q.destination()), finding.id()),
                outcome -> {
                    panel.showOutcome(outcome, f.description());
                    notifier.info(text.get("findings.after-fix.title"), panel.outcomeText());
                }))));
    }

    /** Probes that run on the host itself; none on the demo host. */
    private Troubleshooter probing() {
        HostAddress address = session.address();
        return address.isDemo() ? troubleshooter
                : new Troubleshooter(new CommandProbes(new CommandRunner(address.target()), address.uri()))
                        .suggesting(session.changes().suggested());
    }

    private void close() {
        asked = Optional.empty();
        side.getChildren().remove(panel);
        canvas.mark("path-ok", List.of());
        canvas.mark("path-bad", List.of());
    }

    private <T> void background(java.util.function.Supplier<T> work, java.util.function.Consumer<T> then) {
        CHECKS.execute(() -> {
            try {
                T result = work.get();
                Platform.runLater(() -> then.accept(result));
            } catch (RuntimeException e) {
                notifier.error(text.get("findings.title"), e);
            }
        });
    }
}
