package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The change layer of one open host: plans intents, applies plans transactionally, keeps the history with
 * undo and redo in a journal on disk, recovers an apply that was interrupted, and handles confirm-or-revert
 * changes. Thread-safe: the window calls it from background threads.
 */
public final class Changes implements AutoCloseable {
    private final Host host;
    private final HostAddress address;
    private final SuggestedCommands suggested;
    private final JournalEntries entries;
    private final HostReads reads;
    private final Executor executor;
    private final PassedDeadlines deadlines;

    /** For the window: suggested commands carry the options that reach this host and this state dir. */
    public Changes(Host host, HostAddress address, Path stateDir) {
        this(host, address, stateDir, SuggestedCommands.forHost(address, stateDir));
    }

    /** @param suggested how refusals spell the {@code virtwire} commands they suggest (with the host options) */
    public Changes(Host host, HostAddress address, Path stateDir, SuggestedCommands suggested) {
        this.host = host;
        this.address = address;
        this.suggested = suggested;
        // the demo host's history lasts as long as its saved state (host/sim/SavedDemoHost)
        this.entries = new JournalEntries(new Journal(HostStateDir.of(stateDir, address).resolve("journal.json")));
        this.reads = new HostReads(host);
        this.executor = new Executor(host, reads);
        this.deadlines = new PassedDeadlines(host, reads, suggested, entries);
    }

    /** {@code $XDG_STATE_HOME/virtwire}, or {@code ~/.local/state/virtwire}. */
    public static Path defaultStateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("virtwire");
    }

    /**
     * Checks the intent against a fresh read of the host and lists what would be done; changes nothing. The
     * everyday intents read only what they are about (the first plan reads everything); a refusal is said
     * from a read of everything, as it may name other objects ("networks: ...").
     */
    public Plan plan(Intent intent) {
        Optional<ReadScope> about = IntentScope.of(intent);
        if (about.isPresent()) {
            try {
                return new Planner(reads.toPlan(about.get(), IntentScope.guests(intent)), host, suggested)
                        .plan(intent);
            } catch (ChangeRefused e) {
                // planned again below, on everything
            }
        }
        return new Planner(reads.everything(), host, suggested).plan(intent);
    }

    /**
     * A fresh read for a command about these guests (a diagnosis, a mode switch): them, every network, the
     * kernel and the firewall, without the other guests ({@link dev.virtwire.host.HostReader#snapshotOfGuests}).
     * Plans of intents about the same guests start from it; its guests are what a troubleshooter may compare.
     */
    public HostSnapshot readGuests(Set<String> guests) {
        return reads.ofGuests(guests);
    }

    /**
     * Applies a plan: drift refuses it untouched, a failing step rolls back what was done.
     *
     * @return the history entry; AWAITING_CONFIRMATION when the plan runs under a revert watchdog
     */
    public HistoryEntry apply(Plan plan) {
        return apply(plan, StepProgress.NONE);
    }

    /** As {@link #apply(Plan)}, telling {@code progress} as each step starts. */
    public synchronized HistoryEntry apply(Plan plan, StepProgress progress) {
        return entries.locked(() -> applyLocked(plan, progress));
    }

    private HistoryEntry applyLocked(Plan plan, StepProgress progress) {
        deadlines.check();
        requireNoInterruptedChange();
        HistoryTargets.awaiting(entries.list()).ifPresent(e -> {
            throw new ChangeRefused("'" + e.title() + "' waits for confirmation: confirm or undo it first");
        });
        JournalEntry entry = new JournalEntry(UUID.randomUUID().toString(), plan.title(), Instant.now().toString(),
                address.describe(), plan.intent(), plan.operations(), HistoryEntry.Status.IN_PROGRESS, 0,
                Optional.empty(), Optional.empty(), 0);
        Instant started = Instant.now();
        JournalEntry done = run(entry, plan.operations(), progress);
        entries.replaceAll(e -> e.status() == HistoryEntry.Status.UNDONE ? e.withUndoneAfter(0) : e); // no redo now
        return finish(done, started);
    }

    /** Takes back the newest applied change by applying its inverse through the same executor. */
    public HistoryEntry undo() {
        return undo(StepProgress.NONE);
    }

    /** As {@link #undo()}, telling {@code progress} as each step starts. */
    public synchronized HistoryEntry undo(StepProgress progress) {
        return entries.locked(() -> undoLocked(progress));
    }

    private HistoryEntry undoLocked(StepProgress progress) {
        deadlines.check();
        undoBlockedReason().ifPresent(r -> {
            throw new ChangeRefused(r);
        });
        JournalEntry target = HistoryTargets.undo(entries.list()).orElseThrow();
        List<Operation> inverse = HistoryTargets.inverse(target.operations());
        JournalEntry undoing = new JournalEntry(UUID.randomUUID().toString(), "Undo: " + target.title(),
                Instant.now().toString(), address.describe(), new Intent.Undo(target.id(), target.title()), inverse,
                HistoryEntry.Status.IN_PROGRESS, 0, Optional.empty(), Optional.empty(), 0);
        JournalEntry ran;
        try {
            ran = run(undoing, inverse, progress);
        } catch (ChangeRefused | ChangeFailed e) {
            entries.forget(undoing); // rolled back or never started: the change stays applied
            throw e;
        }
        entries.forget(undoing);
        long sequence = entries.list().stream().mapToLong(JournalEntry::undoneAfter).max().orElse(0) + 1;
        // what the undo left as it was (firewalld's files) is told with the undone entry, where the user looks
        JournalEntry undone = target.with(HistoryEntry.Status.UNDONE).withConfirmBy(Optional.empty())
                .withUndoneAfter(sequence).withNote(ran.note());
        entries.replace(undone);
        return undone.view();
    }

    /** Applies again the change undone last (if nothing new was applied since). */
    public HistoryEntry redo() {
        return redo(StepProgress.NONE);
    }

    /** As {@link #redo()}, telling {@code progress} as each step starts. */
    public synchronized HistoryEntry redo(StepProgress progress) {
        return entries.locked(() -> redoLocked(progress));
    }

    private HistoryEntry redoLocked(StepProgress progress) {
        deadlines.check();
        redoBlockedReason().ifPresent(r -> {
            throw new ChangeRefused(r);
        });
        JournalEntry target = HistoryTargets.redo(entries.list()).orElseThrow();
        try {
            Instant started = Instant.now();
            JournalEntry done = run(target.with(HistoryEntry.Status.IN_PROGRESS).withApplied(0), target.operations(),
                    progress);
            return finish(done.withUndoneAfter(0), started);
        } catch (ChangeRefused | ChangeFailed e) {
            entries.replace(target.withNote(e.getMessage()));
            throw e;
        }
    }

    /**
     * What {@link #undo()} would run now: the newest applied change's steps inverted, newest first, checked
     * against the host; changes nothing.
     *
     * @throws ChangeRefused when there is nothing to undo or the host no longer allows it (the reason says why)
     */
    public synchronized Plan undoPlan() {
        deadlines.check();
        undoBlockedReason().ifPresent(r -> {
            throw new ChangeRefused(r);
        });
        JournalEntry target = HistoryTargets.undo(entries.list()).orElseThrow();
        return new Plan(new Intent.Undo(target.id(), target.title()), "Undo: " + target.title(),
                HistoryTargets.inverse(target.operations()));
    }

    /** What {@link #redo()} would run now; changes nothing. Refused like {@link #undoPlan()}. */
    public synchronized Plan redoPlan() {
        deadlines.check();
        redoBlockedReason().ifPresent(r -> {
            throw new ChangeRefused(r);
        });
        JournalEntry target = HistoryTargets.redo(entries.list()).orElseThrow();
        return new Plan(target.intent(), "Redo: " + target.title(), target.operations());
    }

    /** Empty when undo is possible; otherwise why not, in the user's words. */
    public synchronized Optional<String> undoBlockedReason() {
        entries.reload();
        if (interrupted().isPresent()) {
            return Optional.of(interruptedReason());
        }
        Optional<JournalEntry> target = HistoryTargets.undo(entries.list());
        if (target.isEmpty()) {
            return Optional.of("nothing to undo");
        }
        return blocked("undo", target.get(), HistoryTargets.inverse(target.get().operations()));
    }

    public synchronized Optional<String> redoBlockedReason() {
        entries.reload();
        if (interrupted().isPresent()) {
            return Optional.of(interruptedReason());
        }
        Optional<JournalEntry> target = HistoryTargets.redo(entries.list());
        if (target.isEmpty()) {
            return Optional.of("nothing to redo");
        }
        return blocked("redo", target.get(), target.get().operations());
    }

    /** Oldest first. */
    public synchronized List<HistoryEntry> history() {
        entries.reload();
        deadlines.check();
        return entries.list().stream().map(JournalEntry::view).toList();
    }

    /** A change that was being applied when Virtwire stopped, found at start-up; {@link #recover()} rolls it back. */
    public synchronized Optional<HistoryEntry> interrupted() {
        return entries.list().stream().filter(e -> e.status() == HistoryEntry.Status.IN_PROGRESS).findFirst()
                .map(JournalEntry::view);
    }

    /** Rolls back the steps of an interrupted change that the host shows as applied. */
    public synchronized HistoryEntry recover() {
        return entries.locked(() -> recoverLocked());
    }

    private HistoryEntry recoverLocked() {
        JournalEntry entry = entries.list().stream().filter(e -> e.status() == HistoryEntry.Status.IN_PROGRESS)
                .findFirst()
                .orElseThrow(() -> new ChangeRefused("no change was interrupted: there is nothing to recover"));
        Executor.Revert result = executor.recover(entry.operations(), entry.applied());
        String note = (result.reverted().isEmpty() ? "nothing had been applied" : "reverted: "
                + String.join("; ", result.reverted())) + (result.notReverted().isEmpty() ? ""
                : "; could NOT revert: " + String.join("; ", result.notReverted()));
        JournalEntry recovered = entry.with(HistoryEntry.Status.RECOVERED).withNote(note);
        if (entry.intent() instanceof Intent.Undo) {
            entries.forget(entry); // the undone change simply stays applied
        } else {
            entries.replace(recovered);
        }
        if (!result.notReverted().isEmpty()) {
            throw new ChangeFailed("recovering '" + entry.title() + "'", "some steps could not be reverted",
                    result.reverted(), result.notReverted());
        }
        return recovered.view();
    }

    /** The change that waits for confirmation, and until when. */
    public synchronized Optional<Confirmation> awaitingConfirmation() {
        entries.reload();
        deadlines.check();
        return HistoryTargets.awaiting(entries.list()).map(e -> new Confirmation(e.view(), Instant.parse(e.confirmBy().orElseThrow())));
    }

    /**
     * Keeps a confirm-or-revert change: stops the host-side timers before they revert ({@link TimerStops}); one that
     * cannot be stopped leaves it waiting, and a retry stops only the timers still running.
     */
    public synchronized HistoryEntry confirm() {
        return entries.locked(() -> confirmLocked());
    }

    private HistoryEntry confirmLocked() {
        // the host's timer ran and an earlier command (history, the window) already marked it: still "too late"
        JournalEntry entry = HistoryTargets.awaiting(entries.list()).orElseThrow(() -> new ChangeRefused(
                HistoryTargets.lastRevertedByHost(entries.list()).map(HistoryTargets::tooLate)
                        .or(() -> deadlines.lastNeverRan().map(e -> "no change waits for confirmation: '"
                                + e.title() + "': " + e.note().orElseThrow()))
                        .orElse("no change waits for confirmation")));
        return new TimerStops(host, reads, suggested, entries::replace).confirm(entry).view();
    }

    /** The port forwards Virtwire finds in the host's firewall. */
    public List<PortForward> portForwards() {
        return PortForward.all(host.snapshot().firewall());
    }

    /**
     * Calls the listener with the whole history (oldest first, an immutable copy) after every change of it, on
     * the thread that changed it, without waiting for a change under way; close the handle to stop.
     */
    public AutoCloseable onHistoryChanged(Consumer<List<HistoryEntry>> listener) {
        return entries.onChanged(list -> listener.accept(list.stream().map(JournalEntry::view).toList()));
    }

    /** How messages about this host spell the commands they suggest. */
    public SuggestedCommands suggested() {
        return suggested;
    }

    private String interruptedReason() {
        return "an earlier change was interrupted: recover it first (" + suggested.line("recover") + ")";
    }

    public Path journalFile() {
        return entries.file();
    }

    @Override
    public void close() {
        entries.stopTelling();
    }

    /** A change under a revert watchdog and its deadline. */
    public record Confirmation(HistoryEntry entry, Instant deadline) {
    }

    private JournalEntry run(JournalEntry entry, List<Operation> ops, StepProgress progress) {
        entries.replaceOrAdd(entry);
        JournalEntry[] current = {entry};
        try {
            List<String> notes = executor.run(ops, count -> {
                current[0] = current[0].withApplied(count);
                entries.replace(current[0]);
            }, progress);
            return current[0].withNote(notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
        } catch (ChangeRefused e) {
            entries.forget(entry);
            throw e;
        } catch (ChangeFailed e) {
            entries.replace(current[0].with(HistoryEntry.Status.ROLLED_BACK).withNote(e.getMessage()));
            throw e;
        }
    }

    /** The deadline counts from before the watchdog was armed, so it is never later than the host's. */
    private HistoryEntry finish(JournalEntry done, Instant started) {
        JournalEntry result = done.watchdog().map(w -> done.with(HistoryEntry.Status.AWAITING_CONFIRMATION)
                        .withConfirmBy(Optional.of(started.plusSeconds(w.seconds()))))
                .orElseGet(() -> done.with(HistoryEntry.Status.APPLIED)).withStopped(List.of()); // armed anew
        entries.replace(result);
        return result.view();
    }

    private Optional<String> blocked(String what, JournalEntry target, List<Operation> ops) {
        try {
            Executor.refuseDrift(ops, reads.aboutSteps(ops), new StepCheck(reads));
            return Optional.empty();
        } catch (ChangeRefused e) {
            return Optional.of("cannot " + what + " '" + target.title() + "': " + e.getMessage());
        }
    }

    private void requireNoInterruptedChange() {
        interrupted().ifPresent(e -> {
            throw new ChangeRefused("'" + e.title() + "' was interrupted when Virtwire stopped: recover it first "
                    + "(" + suggested.line("recover") + ")");
        });
    }
}
