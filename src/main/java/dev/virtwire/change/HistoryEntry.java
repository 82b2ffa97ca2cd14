package dev.virtwire.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change as the history shows it: what, when, on which host, the commands, and where it stands.
 *
 * @param note what the user must know of how it went: why it failed, or what its undo did not do (firewalld's
 *             files left as firewall-cmd wrote them)
 */
public record HistoryEntry(String id, String title, Instant when, String host, List<String> commands, Status status,
                           Optional<String> note) {

    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        commands = List.copyOf(commands);
    }

    public enum Status {
        /** Being applied; found at start-up it means Virtwire was stopped mid-change: see Changes.recover(). */
        IN_PROGRESS,
        /** Applied; the revert watchdog runs until the user confirms. */
        AWAITING_CONFIRMATION,
        APPLIED,
        UNDONE,
        /** Failed and was reverted (or partly: see the journal's note). */
        ROLLED_BACK,
        /** Not confirmed in time: the host-side watchdog reverted it. */
        REVERTED,
        /** Interrupted, then rolled back by recover(). */
        RECOVERED;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
