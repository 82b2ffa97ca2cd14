package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import java.util.List;

/**
 * The history of one host as the window shows it, read in the background and handed to the FX thread whole:
 * the entries (oldest first) and why undo and redo are impossible now (empty when they are possible).
 */
record HistorySnapshot(List<HistoryEntry> entries, String undoBlocked, String redoBlocked) {
    HistorySnapshot {
        entries = List.copyOf(entries);
    }

    /**
     * Reads it; call off the FX thread: it waits for a change under way, and whether undo is possible is
     * checked on a fresh read of the host.
     */
    static HistorySnapshot read(Changes changes) {
        List<HistoryEntry> entries = changes.history();
        return new HistorySnapshot(entries, reason(() -> changes.undoBlockedReason().orElse("")),
                reason(() -> changes.redoBlockedReason().orElse("")));
    }

    /** A host that cannot be read now blocks undo and redo, saying why. */
    private static String reason(java.util.function.Supplier<String> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
