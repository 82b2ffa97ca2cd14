package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Applies operations in order: each one's precondition is checked on a fresh read, it is applied, and a
 * fresh read verifies it. When one fails, the ones already applied are reverted in reverse order, and the
 * user learns what failed, what was reverted and how the host was left. A fresh read is one of what the
 * step is about (its subjects), not of the whole host.
 */
final class Executor {
    private final Host host;
    private final HostReads reads;

    Executor(Host host, HostReads reads) {
        this.host = host;
        this.reads = reads;
    }

    /**
     * @param applied told the number of operations applied so far after each one (for the journal)
     * @throws ChangeRefused when the host drifted before anything was changed
     * @throws ChangeFailed  when a step failed; what was applied is reverted
     */
    void run(List<Operation> ops, IntConsumer applied) {
        refuseDrift(ops, reads.aboutSteps(ops));
        for (int k = 0; k < ops.size(); k++) {
            Operation op = ops.get(k);
            Optional<String> problem = k == 0 ? Optional.empty() : op.drift(reads.aboutStep(op));
            boolean touched = false;
            if (problem.isEmpty()) {
                try {
                    touched = true;
                    op.apply(host);
                    problem = op.unverified(reads.aboutStep(op));
                } catch (RuntimeException e) {
                    problem = Optional.of(message(e));
                }
            }
            if (problem.isPresent()) {
                List<Operation> toRevert = new ArrayList<>(ops.subList(0, k));
                if (touched && !op.showsInSnapshot()) {
                    takeBackQuietly(op);
                } else if (touched && op.inverse().drift(reads.aboutStep(op.inverse())).isEmpty()) {
                    toRevert.add(op); // it half-happened: the host shows its effect
                }
                throw rollBack(op, problem.get(), toRevert);
            }
            applied.accept(k + 1);
        }
    }

    /**
     * Checks every step whose precondition does not depend on an earlier step of the same plan, before any
     * is applied: the common drift (a guest or network gone or changed meanwhile) leaves the host untouched.
     */
    static void refuseDrift(List<Operation> ops, HostSnapshot now) {
        Set<Id> touchedEarlier = new HashSet<>();
        for (Operation op : ops) {
            if (op.subjects().stream().noneMatch(touchedEarlier::contains)) {
                Optional<String> drift = op.drift(now);
                if (drift.isPresent()) {
                    throw new ChangeRefused("The host changed since this was planned: " + drift.get()
                            + ". Nothing was changed; review the host and plan again.");
                }
            }
            touchedEarlier.addAll(op.subjects());
        }
    }

    /** Reverts in reverse order; a revert that fails is reported, the others still run. */
    ChangeFailed rollBack(Operation failed, String reason, List<Operation> done) {
        Revert result = revert(done, false);
        return new ChangeFailed(failed.describe(), reason, result.reverted(), result.notReverted());
    }

    /**
     * @param recovering after an interrupted apply: a step may have been cut off half-way, so an inverse's
     *                   precondition may not hold; it runs anyway and only its result is checked
     */
    Revert revert(List<Operation> done, boolean recovering) {
        List<String> reverted = new ArrayList<>();
        List<String> notReverted = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Operation inverse = done.get(i).inverse();
            try {
                Optional<String> drift = recovering ? Optional.empty() : inverse.drift(reads.aboutStep(inverse));
                if (drift.isPresent()) {
                    notReverted.add(done.get(i).describe() + " (" + drift.get() + ")");
                    continue;
                }
                inverse.apply(host);
                Optional<String> problem = inverse.unverified(reads.aboutStep(inverse));
                if (problem.isPresent()) {
                    notReverted.add(done.get(i).describe() + " (" + problem.get() + ")");
                } else {
                    reverted.add(done.get(i).describe());
                }
            } catch (RuntimeException e) {
                notReverted.add(done.get(i).describe() + " (" + message(e) + ")");
            }
        }
        return new Revert(reverted, notReverted);
    }

    /** A failed step whose effect cannot be seen (a timer): taking it back is harmless if it never happened. */
    private void takeBackQuietly(Operation op) {
        try {
            op.inverse().apply(host);
        } catch (RuntimeException ignored) {
            // it did not happen, or the host is gone: either way nothing is left to take back
        }
    }

    record Revert(List<String> reverted, List<String> notReverted) {
    }

    static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
