package dev.virtwire.change;

import dev.virtwire.change.op.GuestConfigStep;
import dev.virtwire.change.op.Operation;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Checks a step on fresh reads of what it is about. A snapshot shows a running guest as it runs; a step that
 * also changes the guest's saved config is checked there too, on a read of that one guest's saved config.
 */
final class StepCheck {
    private final HostReads reads;

    StepCheck(HostReads reads) {
        this.reads = reads;
    }

    /**
     * What a step finds before it runs, kept to tell afterwards whether it changed anything.
     *
     * @param known whether the saved config could be read (else only a fresh read's drift tells)
     */
    record Before(boolean known, Optional<Guest> savedGuest) {
        static final Before NOTHING = new Before(true, Optional.empty());
        static final Before UNKNOWN = new Before(false, Optional.empty());
    }

    Before before(Operation op) {
        try {
            return savesGuest(op).map(g -> new Before(true, reads.savedGuest(g))).orElse(Before.NOTHING);
        } catch (RuntimeException e) {
            return Before.UNKNOWN; // the step still runs: its own checks read the host again
        }
    }

    /** Why the host is not as the step expects (its precondition), on a fresh read. */
    Optional<String> drift(Operation op) {
        return drift(op, reads.aboutStep(op));
    }

    /**
     * Why the host is not as the step expects, on this read: on the running host, or for a step that changes
     * only a running guest's saved config ({@code --scope config}), in that saved config.
     */
    Optional<String> drift(Operation op, HostSnapshot now) {
        if (savedOnly(op)) {
            return savedView(op, now).map(op::drift).orElseGet(() -> op.drift(now));
        }
        return op.drift(now);
    }

    /**
     * What is not as it should be after the step: on the running host, then in the guest's saved config; a step
     * that changes only the saved config leaves the running guest as it was, so only the saved config counts.
     */
    Optional<String> unverified(Operation op) {
        HostSnapshot now = reads.aboutStep(op);
        if (savedOnly(op)) {
            Optional<HostSnapshot> view = savedView(op, now);
            return view.isPresent() ? inSavedConfig(view.flatMap(op::unverified)) : op.unverified(now);
        }
        return op.unverified(now).or(() -> inSavedConfig(savedView(op, now).flatMap(op::unverified)));
    }

    private static Optional<String> inSavedConfig(Optional<String> problem) {
        return problem.map(p -> "in the saved config, " + p);
    }

    private static boolean savedOnly(Operation op) {
        return op instanceof GuestConfigStep step && !step.scope().live();
    }

    /**
     * Whether a step that failed changed anything: the running host is no longer as the step expected before
     * it ran, or the guest's saved config differs from what it was (or, when that was not known, is not as
     * the step expected).
     */
    boolean leftTrace(Operation op, Before before) {
        if (drift(op).isPresent()) {
            return true;
        }
        if (!before.known()) {
            return savedView(op, reads.aboutStep(op)).flatMap(op::drift).isPresent();
        }
        return savesGuest(op).map(g -> !nics(reads.savedGuest(g)).equals(nics(before.savedGuest()))).orElse(false);
    }

    private static Optional<List<GuestNic>> nics(Optional<Guest> guest) {
        return guest.map(Guest::nics);
    }

    /** The guest whose saved config the step changes. */
    private static Optional<String> savesGuest(Operation op) {
        return op instanceof GuestConfigStep step && step.scope().config() ? Optional.of(step.guest())
                : Optional.empty();
    }

    /** The host with the step's guest as its saved config says, for the step's own checks. */
    private Optional<HostSnapshot> savedView(Operation op, HostSnapshot now) {
        return savesGuest(op).filter(g -> now.guest(g).isPresent())
                .flatMap(g -> reads.savedGuest(g).map(saved -> now.updateGuest(g, running -> saved)));
    }
}
