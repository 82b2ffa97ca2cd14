package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.SavedConfigStep;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;

/**
 * Checks a step on fresh reads of what it is about. A snapshot shows a running guest or an active network as
 * it runs; a step that also changes its saved config is checked there too, on a read of that one saved config.
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
     * @param saved the saved guest or network, as {@link #saved} reads it
     */
    record Before(boolean known, Optional<?> saved) {
        static final Before NOTHING = new Before(true, Optional.empty());
        static final Before UNKNOWN = new Before(false, Optional.empty());
    }

    Before before(Operation op) {
        try {
            return savedConfigOf(op).map(id -> new Before(true, saved(id))).orElse(Before.NOTHING);
        } catch (RuntimeException e) {
            return Before.UNKNOWN; // the step still runs: its own checks read the host again
        }
    }

    /** Why the host is not as the step expects (its precondition), on a fresh read. */
    Optional<String> drift(Operation op) {
        return drift(op, reads.aboutStep(op));
    }

    /**
     * Why the host is not as the step expects, on this read: on what runs, or for a step that changes only a
     * saved config ({@code --scope config}), in that saved config.
     */
    Optional<String> drift(Operation op, HostSnapshot now) {
        if (savedOnly(op)) {
            return savedView(op, now).map(op::drift).orElseGet(() -> op.drift(now));
        }
        return op.drift(now);
    }

    /**
     * What is not as it should be after the step: on what runs, then in the saved config; a step that changes
     * only the saved config leaves what runs as it was, so only the saved config counts.
     */
    Optional<String> unverified(Operation op) {
        HostSnapshot now = reads.aboutStep(op);
        if (savedOnly(op)) {
            Optional<HostSnapshot> view = savedView(op, now);
            return view.isPresent() ? inSavedConfig(view.flatMap(op::unverified)) : op.unverified(now);
        }
        return op.unverified(now).or(() -> inSavedConfig(savedView(op, now).flatMap(op::unverified)));
    }

    /**
     * Whether a step that failed changed anything: what runs is no longer as the step expected before it ran,
     * or the saved config differs from what it was (or, when that was not known, is not as the step expected).
     */
    boolean leftTrace(Operation op, Before before) {
        if (drift(op).isPresent()) {
            return true;
        }
        if (!before.known()) {
            return savedView(op, reads.aboutStep(op)).flatMap(op::drift).isPresent();
        }
        return savedConfigOf(op).map(id -> !comparable(saved(id)).equals(comparable(before.saved()))).orElse(false);
    }

    private static Optional<String> inSavedConfig(Optional<String> problem) {
        return problem.map(p -> "in the saved config, " + p);
    }

    private static boolean savedOnly(Operation op) {
        return op instanceof SavedConfigStep step && !step.scope().live();
    }

    /** The guest or network whose saved config the step changes. */
    private static Optional<Id> savedConfigOf(Operation op) {
        return op instanceof SavedConfigStep step && step.scope().config() ? Optional.of(step.savedConfigOf())
                : Optional.empty();
    }

    private Optional<?> saved(Id id) {
        if (id instanceof Id.Guest g) {
            return reads.savedGuest(g.name());
        }
        return reads.savedNetwork(((Id.Network) id).name());
    }

    /** What a change to a saved config can alter: a guest's NICs, a network's definition as it is saved. */
    private static Optional<?> comparable(Optional<?> saved) {
        return saved.map(s -> s instanceof Guest g ? g.nics() : ((VirtualNetwork) s).withActive(false));
    }

    /** The host with the step's guest or network as its saved config says, for the step's own checks. */
    private Optional<HostSnapshot> savedView(Operation op, HostSnapshot now) {
        Optional<Id> id = savedConfigOf(op);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (id.get() instanceof Id.Guest g) {
            return now.guest(g.name()).flatMap(running -> reads.savedGuest(g.name()))
                    .map(saved -> now.updateGuest(g.name(), running -> saved));
        }
        String network = ((Id.Network) id.get()).name();
        return now.network(network).flatMap(running -> reads.savedNetwork(network)
                .map(saved -> now.updateNetwork(network, n -> saved.withActive(running.active()))));
    }
}
