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
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.PathMarks;
import dev.virtwire.ui.findings.FindingsPanel;
import dev.virtwire.ui.findings.ProblemsPanel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.layout.VBox;

/**
 * The troubleshooter in the window: a guest's path drawn hop by hop (green up to the first problem, red from
 * there), the findings beside the canvas with Fix buttons (a fix is an ordinary change: preview, apply, undo),
 * re-checked whenever the host changes; and "check all guests" badges.
 */
final class Troubleshooting {
    private static final ExecutorService CHECKS =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-diagnose"));

    private final HostSession session;
    private final GraphCanvas canvas;
    private final VBox side;
    private final HostEditor editor;
    private final Messages text;
    private final Notifier notifier;
    private final Troubleshooter troubleshooter;
    private final FindingsPanel panel;
    private final ProblemsPanel problems;
    private final AtomicLong checks = new AtomicLong();
    /** The newest proof of a fix; one the user stopped waiting for, or a newer one replaced, is not shown. */
    private final AtomicLong proofs = new AtomicLong();
    private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper(this, "checked", false);
    private final ReadOnlyIntegerWrapper problemCount = new ReadOnlyIntegerWrapper(this, "problemCount", 0);
    private Optional<Question> asked = Optional.empty();

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
        this.problems = new ProblemsPanel(text, this::showPath, this::fix);
    }

    /** Why can't this guest reach that? */
    void troubleshoot(String guest, Destination destination) {
        asked = Optional.of(new Question(guest, destination));
        panel.clearOutcome();
        recheck(session.snapshot());
    }

    void checkAll() {
        refreshBadges(true);
    }

    /**
     * The read-only rules (no probes) over every running guest, off the FX thread; only the newest host's
     * answer is shown, and a check a newer host made stale is not even started.
     */
    private void refreshBadges(boolean announce) {
        HostSnapshot snapshot = session.snapshot();
        long mine = checks.incrementAndGet();
        this.<Optional<Map<String, Optional<Finding>>>>background(() -> checks.get() == mine
                        ? Optional.of(troubleshooter.checkAll(snapshot)) : Optional.empty(),
                worst -> worst.filter(w -> checks.get() == mine).ifPresent(w -> showBadges(w, announce)));
    }

    ProblemsPanel problems() {
        return problems;
    }

    /** How many running guests have a problem now (the toolbar's Problems button). */
    ReadOnlyIntegerProperty problemCountProperty() {
        return problemCount.getReadOnlyProperty();
    }

    /**
     * The Problems panel beside the canvas, or away again. It opens when asked (the column does not move the
     * canvas under the user's pointer by itself); the marks on the canvas are always there.
     */
    void toggleProblems() {
        if (side.getChildren().remove(problems)) {
            return;
        }
        side.getChildren().add(problems);
        VBox.setVgrow(problems, javafx.scene.layout.Priority.ALWAYS);
    }

    /** True once the rules have been over this host (its problems are marked and listed). */
    ReadOnlyBooleanProperty checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    private static String guestOf(BoxKey key) {
        return key instanceof BoxKey.Element e && e.id() instanceof Id.Guest g ? g.name() : key.text();
    }

    /** A guest named in the Problems panel or whose badge was clicked: selected, its path to the LAN drawn. */
    private void showPath(String guest) {
        canvas.select(BoxKey.of(new Id.Guest(guest)));
        troubleshoot(guest, Destination.lan());
    }

    /** A fix from the Problems panel: asked about as from the guest's menu, so the fix is proven the same way. */
    private void fix(String guest, Finding finding) {
        showPath(guest);
        fix(finding);
    }

    FindingsPanel panel() {
        return panel;
    }

    /** Marks belong to the boxes drawn: after every redraw (a host change, too) the answer is checked again. */
    void redrawn() {
        asked.ifPresent(q -> recheck(session.snapshot()));
        refreshBadges(false);
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
        PathMarks.show(canvas, d.path().stream().filter(Hop::ok).map(h -> BoxKey.of(h.nodeId())).toList(),
                d.path().stream().filter(h -> !h.ok()).map(h -> BoxKey.of(h.nodeId())).toList());
    }

    private void showBadges(Map<String, Optional<Finding>> worst, boolean announce) {
        List<BoxKey> trouble = worst.entrySet().stream()
                .filter(e -> e.getValue().filter(f -> f.severity() == Severity.ERROR).isPresent())
                .map(e -> BoxKey.of(new Id.Guest(e.getKey()))).toList();
        List<BoxKey> warning = worst.entrySet().stream()
                .filter(e -> e.getValue().filter(f -> f.severity() != Severity.ERROR).isPresent())
                .map(e -> BoxKey.of(new Id.Guest(e.getKey()))).toList();
        canvas.mark("trouble", withTheirElements(trouble, worst, Severity.ERROR));
        canvas.mark("warning", withTheirElements(warning, worst, Severity.WARNING));
        Map<BoxKey, String> badges = new java.util.LinkedHashMap<>();
        trouble.forEach(k -> badges.put(k, "trouble"));
        warning.forEach(k -> badges.put(k, "warning"));
        canvas.badges().show(badges, key -> text.format("problems.badge", guestOf(key)),
                key -> showPath(guestOf(key)));
        problems.show(worst);
        problemCount.set((int) worst.values().stream().filter(Optional::isPresent).count());
        checked.set(true);
        if (announce) {
            long problems = worst.values().stream().filter(Optional::isPresent).count();
            notifier.info(text.get("menu.check-all"), text.format("check-all.done", problems, worst.size()));
        }
    }

    /** The guests' boxes and the NICs, links and networks their findings name. */
    private static List<BoxKey> withTheirElements(List<BoxKey> guests, Map<String, Optional<Finding>> worst,
                                                  Severity severity) {
        List<BoxKey> marked = new java.util.ArrayList<>(guests);
        worst.values().stream().flatMap(Optional::stream)
                .filter(f -> (f.severity() == Severity.ERROR) == (severity == Severity.ERROR))
                .flatMap(f -> f.nodes().stream()).map(BoxKey::of).distinct().forEach(marked::add);
        return marked;
    }

    /**
     * Applies the fix, then proves it: the same question is diagnosed again on a fresh read of the host, with
     * active probes where there is a real kernel, and the panel says whether the guest now reaches its target
     * (or what is left), never more than that diagnosis says.
     */
    private void fix(Finding finding) {
        Optional<Question> question = asked;
        finding.fix().ifPresent(f -> editor.request(f.intent(), kept -> question.ifPresent(q -> prove(q, f, finding))));
    }

    private void prove(Question q, dev.virtwire.diagnose.Fix f, Finding finding) {
        long mine = proofs.incrementAndGet();
        panel.showProving(q.guest(), q.destination().token(), proofs::incrementAndGet);
        background(() -> FixOutcome.of(probing().remembering(session.rememberedDefaultRoutes())
                        .diagnose(session.host().snapshot(), q.guest(), Optional.empty(), q.destination()), finding.id()),
                outcome -> {
                    if (proofs.get() != mine) {
                        return;
                    }
                    panel.showOutcome(outcome, f.description());
                    notifier.info(text.get("findings.after-fix.title"), panel.outcomeText());
                }, why -> {
                    if (proofs.get() == mine) {
                        panel.showProofFailed(q.guest(), q.destination().token(), why);
                    }
                });
    }

    /** Probes that run on the host itself; none on the demo host. */
    private Troubleshooter probing() {
        HostAddress address = session.address();
        return address.isDemo() ? troubleshooter
                : new Troubleshooter(CommandProbes.at(address))
                        .suggesting(session.changes().suggested());
    }

    private void close() {
        asked = Optional.empty();
        side.getChildren().remove(panel);
        PathMarks.clear(canvas);
    }

    private <T> void background(java.util.function.Supplier<T> work, java.util.function.Consumer<T> then) {
        background(work, then, why -> { });
    }

    /** {@code failed} is told on the FX thread why the work failed (the notifier is told too). */
    private <T> void background(java.util.function.Supplier<T> work, java.util.function.Consumer<T> then,
                                java.util.function.Consumer<String> failed) {
        CHECKS.execute(() -> {
            try {
                T result = work.get();
                Platform.runLater(() -> then.accept(result));
            } catch (RuntimeException e) {
                notifier.error(text.get("findings.title"), e);
                Platform.runLater(() -> {
                    failed.accept(String.valueOf(e.getMessage()));
                    checked.set(true); // checked, if in vain: a screenshot need not wait on
                });
            }
        });
    }
}
