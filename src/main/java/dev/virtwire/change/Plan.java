package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import java.util.List;
import java.util.Objects;

/**
 * An intent turned into ordered operations, ready to preview and apply. The title is what the history shows.
 */
public record Plan(Intent intent, String title, List<Operation> operations) {

    public Plan {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(title, "title");
        operations = List.copyOf(operations);
    }

    /** The equivalent commands a user could type, in order (XML a command reads follows it, indented). */
    public List<String> commands() {
        return operations.stream().flatMap(o -> o.preview().stream()).toList();
    }

    /** Whether the plan touches the link that carries the host's default route (the way back to the host). */
    public boolean risky() {
        return operations.stream().anyMatch(Operation::risky);
    }

    /** Whether applying it arms a host-side watchdog that reverts it unless confirmed in time. */
    public boolean needsConfirmation() {
        return operations.stream().anyMatch(o -> o instanceof dev.virtwire.change.op.ConfirmOrRevert w && w.arm());
    }
}
