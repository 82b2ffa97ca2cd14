package dev.virtwire.diagnose;

import java.util.Objects;
import java.util.Optional;

/**
 * What a fix achieved, from the same diagnosis run again after it: whether its finding is gone, whether the
 * guest now reaches its target, and what still blocks it. Never claims more than the diagnosis says.
 *
 * @param gone      the fixed finding is no longer reported
 * @param reachable as {@link Diagnosis#reachable()}: empty when something that could block was not checkable
 * @param left      the first finding that still blocks the traffic
 */
public record FixOutcome(String guest, String target, String finding, boolean gone, Optional<Boolean> reachable,
                         Optional<Finding> left) {

    public FixOutcome {
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(finding, "finding");
    }

    public static FixOutcome of(Diagnosis after, String fixedFinding) {
        return new FixOutcome(after.guest(), after.target(), fixedFinding, after.finding(fixedFinding).isEmpty(),
                after.reachable(), after.findings().stream().filter(Finding::blocks).findFirst());
    }

    /** Only a diagnosis that found the target reachable proves the repair. */
    public boolean restored() {
        return reachable.orElse(false);
    }
}
