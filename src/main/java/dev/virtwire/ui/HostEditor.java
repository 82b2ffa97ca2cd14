package dev.virtwire.ui;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.ui.preview.ConfirmOrRevert;
import dev.virtwire.ui.preview.PlanPreview;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.stage.Window;

/**
 * Edits of one host through the change layer: an intent is planned in the background, previewed (unless
 * the user chose not to be asked for safe changes), applied in the background, and recorded in the history.
 * The canvas follows from the host's own change events, not from here.
 */
public final class HostEditor implements AutoCloseable {
    /** One change at a time per window: a second apply while one runs would race on the host. */
    private static final ExecutorService WORK = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtwire-change");
        t.setDaemon(true);
        return t;
    });

    private final Changes changes;
    private final Settings settings;
    private final Messages text;
    private final Notifier notifier;
    private final Window owner;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper undoBlocked = new ReadOnlyStringWrapper(this, "undoBlocked", "");
    private final ReadOnlyStringWrapper redoBlocked = new ReadOnlyStringWrapper(this, "redoBlocked", "");
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final AutoCloseable historyWatch;

    public HostEditor(Changes changes, Settings settings, Messages text, Notifier notifier, Window owner) {
        this.changes = changes;
        this.settings = settings;
        this.text = text;
        this.notifier = notifier;
        this.owner = owner;
        this.historyWatch = changes.onHistoryChanged(() -> Platform.runLater(this::readHistory));
        readHistory();
    }

    /** Plans an intent, previews it and applies it; refusals and failures become notifications. */
    public void request(Intent intent) {
        request(intent, entry -> {
        });
    }

    /** As {@link #request(Intent)}; {@code whenKept} runs once the change is applied (and confirmed, if asked). */
    public void request(Intent intent, Consumer<HistoryEntry> whenKept) {
        run(() -> changes.plan(intent), plan -> {
            boolean ask = plan.risky() || !settings.skipPreviewForSafeChanges();
            if (!ask || PlanPreview.confirm(owner, plan, text, settings)) {
                run(() -> changes.apply(plan), entry -> applied(entry, whenKept));
            }
        });
    }

    private void applied(HistoryEntry entry, Consumer<HistoryEntry> whenKept) {
        if (entry.status() == HistoryEntry.Status.AWAITING_CONFIRMATION) {
            changes.awaitingConfirmation().ifPresent(waiting -> {
                if (ConfirmOrRevert.ask(owner, waiting, text)) {
                    run(changes::confirm, kept -> {
                        notifier.info(text.get("change.kept"), kept.title());
                        whenKept.accept(kept);
                    });
                } else {
                    undo();
                }
            });
        } else {
            notifier.info(text.get("change.applied"), entry.title());
            whenKept.accept(entry);
        }
    }

    public void undo() {
        run(changes::undo, entry -> notifier.info(text.get("change.undone"), entry.title()));
    }

    public void redo() {
        run(changes::redo, entry -> notifier.info(text.get("change.redone"), entry.title()));
    }

    /** Undoes every applied change made after this entry, then the entry itself. */
    public void undoBackTo(HistoryEntry target) {
        run(() -> {
            HistoryEntry last = null;
            while (changes.undoBlockedReason().isEmpty() && stillApplied(target)) {
                last = changes.undo();
            }
            if (last == null) {
                throw new ChangeRefused(changes.undoBlockedReason().orElse(text.get("history.nothing-to-undo")));
            }
            return last;
        }, entry -> notifier.info(text.get("change.undone"), entry.title()));
    }

    private boolean stillApplied(HistoryEntry target) {
        return changes.history().stream().anyMatch(e -> e.id().equals(target.id())
                && e.status() == HistoryEntry.Status.APPLIED);
    }

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

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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

    private void readHistory() {
        history.setAll(List.copyOf(changes.history()));
        undoBlocked.set(changes.undoBlockedReason().orElse(""));
        redoBlocked.set(changes.redoBlockedReason().orElse(""));
    }

    private <T> void run(Supplier<T> work, java.util.function.Consumer<T> then) {
        if (busy.get()) {
            notifier.error(text.get("change.busy"), text.get("change.busy.detail"));
            return;
        }
        busy.set(true);
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            readHistory();
            then.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            readHistory();
            Throwable problem = task.getException();
            String title = problem instanceof ChangeRefused ? text.get("change.refused")
                    : problem instanceof ChangeFailed ? text.get("change.failed") : text.get("change.error");
            notifier.error(title, problem);
        });
        WORK.execute(task);
    }
}
