package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which entry of a history undo, redo or a confirmation concerns, and a change's steps taken back. Pure. */
final class HistoryTargets {
    private HistoryTargets() {
    }

    /** The newest change still in effect (applied, or awaiting its confirmation). */
    static Optional<JournalEntry> undo(List<JournalEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            HistoryEntry.Status s = entries.get(i).status();
            if (s == HistoryEntry.Status.APPLIED || s == HistoryEntry.Status.AWAITING_CONFIRMATION) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The change undone last, as long as nothing was applied after its undo. */
    static Optional<JournalEntry> redo(List<JournalEntry> entries) {
        return entries.stream().filter(e -> e.status() == HistoryEntry.Status.UNDONE && e.undoneAfter() > 0)
                .max(Comparator.comparingLong(JournalEntry::undoneAfter));
    }

    static Optional<JournalEntry> awaiting(List<JournalEntry> entries) {
        return entries.stream().filter(e -> e.status() == HistoryEntry.Status.AWAITING_CONFIRMATION).findFirst();
    }

    /** The steps that take these back: each one's inverse, newest first. */
    static List<Operation> inverse(List<Operation> ops) {
        List<Operation> inverse = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            inverse.add(ops.get(i).inverse());
        }
        return inverse;
    }
}
