package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One change as the journal keeps it: enough to show it, undo it, redo it and recover it after a crash.
 *
 * @param applied     how many operations were applied (and verified) so far: recovery reverts these
 * @param note        what went wrong, for failed and rolled-back entries; for an undone one, what its undo left
 *                    as it was (firewalld's files)
 * @param confirmBy   when a change under a revert watchdog must be confirmed (ISO-8601)
 * @param undoneAfter for an undone entry, the sequence number of the undo (newest first for redo)
 * @param stopped     the ids of the timers a confirmation has stopped so far (the first of two, when the second
 *                    could not be): a retry stops only the others ({@link TimerStops}); empty in older journals
 */
record JournalEntry(String id, String title, String when, String host, Intent intent, List<Operation> operations,
                    HistoryEntry.Status status, int applied, Optional<String> note, Optional<String> confirmBy,
                    long undoneAfter, List<String> stopped) {

    JournalEntry {
        operations = List.copyOf(operations);
        stopped = stopped == null ? List.of() : List.copyOf(stopped);
    }

    /** An entry no confirmation has stopped a timer of. */
    JournalEntry(String id, String title, String when, String host, Intent intent, List<Operation> operations,
                 HistoryEntry.Status status, int applied, Optional<String> note, Optional<String> confirmBy,
                 long undoneAfter) {
        this(id, title, when, host, intent, operations, status, applied, note, confirmBy, undoneAfter, List.of());
    }

    HistoryEntry view() {
        return new HistoryEntry(id, title, Instant.parse(when), host,
                operations.stream().flatMap(o -> o.preview().stream()).toList(), status, note);
    }

    JournalEntry with(HistoryEntry.Status newStatus) {
        return new JournalEntry(id, title, when, host, intent, operations, newStatus, applied, note, confirmBy,
                undoneAfter, stopped);
    }

    JournalEntry withApplied(int count) {
        return new JournalEntry(id, title, when, host, intent, operations, status, count, note, confirmBy, undoneAfter,
                stopped);
    }

    JournalEntry withNote(String text) {
        return withNote(Optional.of(text));
    }

    JournalEntry withNote(Optional<String> text) {
        return new JournalEntry(id, title, when, host, intent, operations, status, applied, text, confirmBy,
                undoneAfter, stopped);
    }

    JournalEntry withConfirmBy(Optional<Instant> deadline) {
        return new JournalEntry(id, title, when, host, intent, operations, status, applied, note,
                deadline.map(Instant::toString), undoneAfter, stopped);
    }

    JournalEntry withUndoneAfter(long sequence) {
        return new JournalEntry(id, title, when, host, intent, operations, status, applied, note, confirmBy, sequence,
                stopped);
    }

    JournalEntry withStopped(List<String> timers) {
        return new JournalEntry(id, title, when, host, intent, operations, status, applied, note, confirmBy,
                undoneAfter, timers);
    }

    /** The arming step of a confirm-or-revert change, if it has one (the first, when it has several). */
    Optional<dev.virtwire.change.op.ConfirmOrRevert> watchdog() {
        return watchdogs().stream().findFirst();
    }

    /**
     * Every arming step, in order: netplan rendering for NetworkManager has its checkpoint (what runs) and then
     * Virtwire's timer (its files), which runs out later.
     */
    List<dev.virtwire.change.op.ConfirmOrRevert> watchdogs() {
        return operations.stream().filter(o -> o instanceof dev.virtwire.change.op.ConfirmOrRevert w && w.arm())
                .map(o -> (dev.virtwire.change.op.ConfirmOrRevert) o).toList();
    }
}
