package dev.virtwire.change;

import java.util.List;

/**
 * A change failed part-way. The message says what failed, what was reverted (and what could not be), and
 * the state the host was left in.
 *
 * @param failedStep  the operation that failed, in the user's words
 * @param reverted    the operations undone again, in the order they were undone
 * @param notReverted the operations that stay applied because their revert failed, each with its reason
 */
public class ChangeFailed extends RuntimeException {
    private final String failedStep;
    private final String reason;
    private final List<String> reverted;
    private final List<String> notReverted;

    public ChangeFailed(String failedStep, String reason, List<String> reverted, List<String> notReverted) {
        super(message(failedStep, reason, reverted, notReverted));
        this.failedStep = failedStep;
        this.reason = reason;
        this.reverted = List.copyOf(reverted);
        this.notReverted = List.copyOf(notReverted);
    }

    public String failedStep() {
        return failedStep;
    }

    /** Why the step failed (the command's or libvirt's own words). */
    public String reason() {
        return reason;
    }

    public List<String> reverted() {
        return reverted;
    }

    public List<String> notReverted() {
        return notReverted;
    }

    /** Whether the host is back where it was before the change. */
    public boolean hostUnchanged() {
        return notReverted.isEmpty();
    }

    private static String message(String step, String reason, List<String> reverted, List<String> notReverted) {
        StringBuilder m = new StringBuilder("Failed: ").append(step).append(": ").append(reason).append('.');
        if (!reverted.isEmpty()) {
            m.append(" Reverted: ").append(String.join("; ", reverted)).append('.');
        }
        if (!notReverted.isEmpty()) {
            m.append(" Could NOT revert: ").append(String.join("; ", notReverted))
                    .append(". The host is partly changed: check these by hand.");
        } else if (reverted.isEmpty()) {
            m.append(" Nothing had to be reverted: the host is as it was before the change.");
        } else {
            m.append(" The host is as it was before the change.");
        }
        return m.toString();
    }
}
