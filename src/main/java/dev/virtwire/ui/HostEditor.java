package dev.virtwire.ui;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.ui.preview.ConfirmOrRevert;
import dev.virtwire.ui.preview.PlanPreview;
import dev.virtwire.change.op.Operation;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.stage.Window;

/**
 * Edits of one host through the change layer: an intent is planned in the background, previewed (unless
 * the user chose not to be asked for safe changes), applied in the background, and recorded in the history.
 * The canvas follows from the host's own change events, not from here. Nothing here calls the change layer
 * on the FX thread: the history reaches the window as immutable snapshots, and a change under way says which
 * step of how many runs now.
 */
public final class HostEditor implements AutoCloseable {
    /** One change at a time per window: a second apply while one runs would race on the host. */
    private static final ExecutorService WORK =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-change"));

    private final Changes changes;
    private final Settings settings;
    private final Messages text;
    private final Notifier notifier;
    private final Window owner;
    /** The host's name where more than one host is on show (the fleet): the preview says where it runs. */
    private final Optional<String> host;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    /** Stops waiting for the work under way when that is safe (it only reads the host); null otherwise. */
    private final javafx.beans.property.ObjectProperty<Runnable> giveUp = new javafx.beans.property.SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper undoBlocked = new ReadOnlyStringWrapper(this, "undoBlocked", "");
    private final ReadOnlyStringWrapper redoBlocked = new ReadOnlyStringWrapper(this, "redoBlocked", "");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final AutoCloseable historyWatch;
    /** A re-read asked for by the host's updates and not started yet: a burst of updates asks once. */
    private final java.util.concurrent.atomic.AtomicBoolean reReadQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** Call on the FX thread; the history is read in the background and shown when it is in. */
    public HostEditor(Changes changes, Settings settings, Messages text, Notifier notifier, Window owner) {
        this(changes, settings, text, notifier, owner, Optional.empty());
    }

    /** As the other; {@code host} names the host in each preview (a change made from the Fleet tab). */
    public HostEditor(Changes changes, Settings settings, Messages text, Notifier notifier, Window owner,
                      Optional<String> host) {
        this.host = host;
        this.changes = changes;
        this.settings = settings;
        this.text = text;
        this.notifier = notifier;
        this.owner = owner;
        undoBlocked.set(text.get("undo.none"));
        redoBlocked.set(text.get("redo.none"));
        // told on the thread of the change under way, with a copy: the list follows each step without waiting
        this.historyWatch = changes.onHistoryChanged(entries -> Platform.runLater(() -> history.setAll(entries)));
        WORK.execute(this::readHistory);
    }

    /** Plans an intent, previews it and applies it; refusals and failures become notifications. */
    public void request(Intent intent) {
        request(intent, entry -> {
        });
    }

    /** As {@link #request(Intent)}; {@code whenKept} runs once the change is applied (and confirmed, if asked). */
    public void request(Intent intent, Consumer<HistoryEntry> whenKept) {
        run(() -> changes.plan(intent), true, plan -> {
            boolean ask = plan.risky() || !settings.skipPreviewForSafeChanges();
            if (!ask || PlanPreview.confirm(owner, plan, text, settings, host)) {
                run(() -> applied(changes.apply(plan, this::starting)), done -> kept(done, whenKept));
            }
        });
    }

    /** A change that waits for confirmation comes with its deadline (read here, in the background). */
    private Applied applied(HistoryEntry entry) {
        return new Applied(entry, entry.status() == HistoryEntry.Status.AWAITING_CONFIRMATION
                ? changes.awaitingConfirmation() : Optional.empty());
    }

    private void kept(Applied done, Consumer<HistoryEntry> whenKept) {
        if (done.entry().status() != HistoryEntry.Status.AWAITING_CONFIRMATION) {
            notifier.info(text.get("change.applied"), done.entry().title());
            whenKept.accept(done.entry());
            return;
        }
        done.waiting().ifPresent(waiting -> {
            if (ConfirmOrRevert.ask(owner, waiting, text)) {
                run(changes::confirm, confirmed -> {
                    notifier.info(text.get("change.kept"), withNote(confirmed));
                    whenKept.accept(confirmed);
                });
            } else {
                undo();
            }
        });
    }

    public void undo() {
        undo(() -> { });
    }

    /** As {@link #undo()}; {@code done} runs once it is undone. */
    public void undo(Runnable done) {
        run(() -> changes.undo(this::starting), entry -> {
            notifier.info(text.get("change.undone"), withNote(entry));
            done.run();
        });
    }

    /** The entry's title and, where its undo left something as it was (firewalld's files), that too. */
    private static String withNote(HistoryEntry entry) {
        return entry.title() + entry.note().map(n -> "\n" + n).orElse("");
    }

    public void redo() {
        run(() -> changes.redo(this::starting), entry -> notifier.info(text.get("change.redone"), entry.title()));
    }

    /** Undoes every applied change made after this entry, then the entry itself. */
    public void undoBackTo(HistoryEntry target) {
        run(() -> {
            HistoryEntry last = null;
            while (changes.undoBlockedReason().isEmpty() && stillApplied(target)) {
                last = changes.undo(this::starting);
            }
            if (last == null) {
                throw new ChangeRefused(changes.undoBlockedReason().orElse(text.get("history.nothing-to-undo")));
            }
            return last;
        }, entry -> notifier.info(text.get("change.undone"), withNote(entry)));
    }

    private boolean stillApplied(HistoryEntry target) {
        return changes.history().stream().anyMatch(e -> e.id().equals(target.id())
                && e.status() == HistoryEntry.Status.APPLIED);
    }

    /**
     * The host changed (possibly behind Virtwire's back): whether undo and redo are possible is checked again
     * on the host as it is now, in the background, after any change under way.
     */
    public void hostChanged() {
        if (reReadQueued.compareAndSet(false, true)) {
            WORK.execute(() -> {
                reReadQueued.set(false);
                readHistory();
            });
        }
    }

    /** Oldest first; changed only on the FX thread, each time as a whole. */
    public ObservableList<HistoryEntry> history() {
        return history;
    }

    /** Why undo is impossible now; empty when it is possible. */
    public ReadOnlyStringProperty undoBlockedProperty() {
        return undoBlocked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoBlockedProperty() {
        return redoBlocked.getReadOnlyProperty();
    }

    /** Whether the work under way may be given up now (see {@link #cancel()}). */
    public javafx.beans.binding.BooleanExpression cancellableProperty() {
        return giveUp.isNotNull();
    }

    /** Stops waiting for the plan being made; nothing on the host has changed. Does nothing otherwise. */
    public void cancel() {
        Runnable stop = giveUp.get();
        if (stop != null) {
            stop.run();
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The step of the change under way ("Step 2 of 3: virsh ..."); empty when none runs. */
    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** How far the change under way is (0 to 1), -1 while it is planned or checked; 0 when none runs. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Stops following the history (the host session owns and closes the change layer itself). */
    @Override
    public void close() {
        try {
            historyWatch.close();
        } catch (Exception e) {
            // closing a listener of a host that goes away changes nothing the user sees
        }
    }

    /** On the change's own thread, as each step starts. */
    private void starting(int number, int count, Operation op) {
        String command = op.preview().stream().findFirst().orElse(op.describe());
        String line = text.format("change.step", number, count, command);
        Platform.runLater(() -> {
            step.set(line);
            progress.set((number - 1) / (double) count);
        });
    }

    /** Off the FX thread: reads the history and whether undo and redo are possible, then shows them. */
    private void readHistory() {
        HistorySnapshot now;
        try {
            now = HistorySnapshot.read(changes);
        } catch (RuntimeException e) {
            notifier.error(text.get("history.title"), e); // e.g. a journal that cannot be read
            return;
        }
        Platform.runLater(() -> {
            history.setAll(now.entries());
            undoBlocked.set(now.undoBlocked());
            redoBlocked.set(now.redoBlocked());
        });
    }

    private <T> void run(Supplier<T> work, Consumer<T> then) {
        run(work, false, then);
    }

    /**
     * Runs work off the FX thread, one at a time. {@code onlyReads}: planning reads the host and changes nothing,
     * so the user may stop waiting for it (a slow host); the read goes on unseen and its plan is dropped.
     */
    private <T> void run(Supplier<T> work, boolean onlyReads, Consumer<T> then) {
        if (busy.get()) {
            notifier.error(text.get("change.busy"), text.get("change.busy.detail"));
            return;
        }
        busy.set(true);
        progress.set(-1);
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                try {
                    return work.get();
                } finally {
                    readHistory();
                }
            }
        };
        task.setOnSucceeded(e -> {
            idle();
            then.accept(task.getValue());
        });
        task.setOnCancelled(e -> idle());
        if (onlyReads) {
            giveUp.set(() -> task.cancel(false));
        }
        task.setOnFailed(e -> {
            idle();
            Throwable problem = task.getException();
            String title = problem instanceof ChangeRefused ? text.get("change.refused")
                    : problem instanceof ChangeFailed ? text.get("change.failed") : text.get("change.error");
            notifier.error(title, problem);
        });
        WORK.execute(task);
    }

    private void idle() {
        giveUp.set(null);
        busy.set(false);
        step.set("");
        progress.set(0);
    }

    /** An applied change, and its deadline when it waits for confirmation. */
    private record Applied(HistoryEntry entry, Optional<Changes.Confirmation> waiting) {
    }
}
