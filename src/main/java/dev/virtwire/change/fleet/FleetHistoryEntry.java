package dev.virtwire.change.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change made on several hosts, as the fleet's history shows it: what, when, where it stands, and its part on
 * each host (that host's own history entry and commands), in the order the hosts were changed.
 *
 * @param note what went wrong, for a change that was rolled back or only partly undone
 */
public record FleetHistoryEntry(String id, String title, Instant when, Status status, List<Step> steps,
                                Optional<String> note) {

    public FleetHistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
    }

    /** The change's part on one host: the host's name in the fleet, its history entry's id, its commands. */
    public record Step(String host, String entry, List<String> commands) {
        public Step {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(entry, "entry");
            commands = List.copyOf(commands);
        }
    }

    public enum Status {
        APPLIED,
        UNDONE,
        /** A host failed; the hosts changed before it were undone again (see the note when one could not be). */
        ROLLED_BACK;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    FleetHistoryEntry with(Status newStatus, Optional<String> newNote) {
        return new FleetHistoryEntry(id, title, when, newStatus, steps, newNote);
    }
}
