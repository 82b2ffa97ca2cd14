package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
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
 * fresh read verifies it. When one fails, what it did itself is taken back, then the ones already applied are
 * reverted in reverse order, and the user learns what failed, what was reverted and how the host was left. A
 * fresh read is one of what the step is about (its subjects), not of the whole host.
 */
final class Executor {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.change");

    private final Host host;
    private final HostReads reads;
    private final StepCheck check;

    Executor(Host host, HostReads reads) {
        this.host = host;
        this.reads = reads;
        this.check = new StepCheck(reads);
    }

    /**
     * @param applied  told the number of operations applied so far after each one (for the journal)
     * @param progress told as each one starts
     * @return what the steps said the user must know of how they went (see {@link Operation#applyNoting})
     * @throws ChangeRefused when the host drifted before anything was changed
     * @throws ChangeFailed  when a step failed; what was applied is reverted, or listed as not reverted
     */
    List<String> run(List<Operation> ops, IntConsumer applied, StepProgress progress) {
        refuseDrift(ops, reads.aboutSteps(ops), check);
        Optional<Armed> armed = Optional.empty();
        List<String> notes = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) {
            Operation op = ops.get(k);
            progress.starting(k + 1, ops.size(), op);
            List<Operation> earlier = ops.subList(0, k);
            Optional<String> drift;
            try {
                drift = k == 0 ? Optional.empty() : check.drift(op);
            } catch (RuntimeException e) {
                drift = Optional.of("the host could not be read to check it first: " + message(e));
            }
            if (drift.isPresent()) {
                throw rollBack(op, drift.get(), Revert.NOTHING, earlier);
            }
            StepCheck.Before before = check.before(op);
            Optional<String> problem;
            try {
                op.applyNoting(host).ifPresent(notes::add);
                problem = check.unverified(op);
            } catch (RuntimeException e) {
                problem = Optional.of(message(e));
            }
            if (problem.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "failed: {0}: {1}", op.describe(), problem.get());
                String reason = problem.get() + armed.flatMap(Armed::ranOut).orElse("");
                throw rollBack(op, reason, takeBack(op, before), earlier);
            }
            if (op instanceof ConfirmOrRevert c && c.arm()) {
                armed = Optional.of(new Armed(c, System.nanoTime()));
            }
            LOG.log(System.Logger.Level.INFO, "applied: {0}", op.describe());
            applied.accept(k + 1);
        }
        return List.copyOf(notes);
    }

    /**
     * A confirm-or-revert timer armed by an earlier step. When a later step fails after its time ran out, the
     * host (NetworkManager's checkpoint, Virtwire's watchdog) has most likely taken the change back by itself,
     * which is what made the step fail: say so, since the step's own error ("Can not find a master") does not.
     */
    private record Armed(ConfirmOrRevert timer, long since) {
        Optional<String> ranOut() {
            return Executor.ranOut(timer.seconds(), (System.nanoTime() - since) / 1_000_000_000L);
        }
    }

    /** What a failed step's reason adds when the timer armed {@code elapsed} s before it had {@code seconds}. */
    static Optional<String> ranOut(int seconds, long elapsed) {
        return elapsed < seconds ? Optional.empty() : Optional.of(" — the " + seconds + " s to confirm had run out ("
                + elapsed + " s since it was armed), so the host had most likely taken the change back by itself;"
                + " on a slow host give more time (--confirm-within)");
    }

    /**
     * Checks every step whose precondition does not depend on an earlier step of the same plan, before any
     * is applied: the common drift (a guest or network gone or changed meanwhile) leaves the host untouched.
     */
    static void refuseDrift(List<Operation> ops, HostSnapshot now, StepCheck check) {
        Set<Id> touchedEarlier = new HashSet<>();
        for (Operation op : ops) {
            if (op.subjects().stream().noneMatch(touchedEarlier::contains)) {
                Optional<String> drift = check.drift(op, now);
                if (drift.isPresent()) {
                    throw new ChangeRefused("The host changed since this was planned: " + drift.get()
                            + ". Nothing was changed; review the host and plan again.");
                }
            }
            touchedEarlier.addAll(op.subjects());
        }
    }

    /** Reverts the earlier steps in reverse order; a revert that fails is reported, the others still run. */
    private ChangeFailed rollBack(Operation failed, String reason, Revert ownPart, List<Operation> earlier) {
        Revert result = ownPart.then(revert(earlier, false));
        return new ChangeFailed(failed.describe(), reason, result.reverted(), result.notReverted());
    }

    /**
     * What a failed step did itself (a firewall command of several, the live half of a live+config change):
     * nothing, when a fresh read shows the host as the step found it; otherwise its inverse runs, even where
     * its precondition does not hold (only part of the step happened, so part of the inverse may fail), and the
     * fresh read afterwards decides whether the step is reverted or what of it remains.
     */
    private Revert takeBack(Operation op, StepCheck.Before before) {
        if (!op.showsInSnapshot()) {
            takeBackQuietly(op);
            return Revert.NOTHING;
        }
        String described = op.describe() + " (the part done before it failed)";
        try {
            if (!check.leftTrace(op, before)) {
                return Revert.NOTHING;
            }
        } catch (RuntimeException e) {
            return Revert.notReverted(op.describe() + " (the host could not be read to see what it did: "
                    + message(e) + ")");
        }
        Optional<String> inverseFailed = Optional.empty();
        try {
            op.inverse().apply(host);
        } catch (RuntimeException e) {
            inverseFailed = Optional.of(message(e));
        }
        Optional<String> remains;
        try {
            remains = check.unverified(op.inverse());
        } catch (RuntimeException e) {
            remains = Optional.of("the host could not be read again: " + message(e));
        }
        if (remains.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "reverted: {0}", described);
            return Revert.reverted(described);
        }
        String left = remains.get() + inverseFailed.map(f -> "; taking it back failed: " + f).orElse("");
        LOG.log(System.Logger.Level.WARNING, "not reverted: {0}: {1}", op.describe(), left);
        return Revert.notReverted(op.describe() + " (" + left + ")");
    }

    /**
     * Takes back an apply that was interrupted: the steps the journal counts as done, and the step in flight
     * when the host shows it began, in what runs or in a saved config (a {@code --scope config} step leaves
     * what runs as it was, so what runs alone would call it not begun and leave the saved config changed).
     */
    Revert recover(List<Operation> ops, int applied) {
        List<Operation> done = new ArrayList<>(ops.subList(0, Math.min(applied, ops.size())));
        if (applied < ops.size() && check.leftTrace(ops.get(applied), StepCheck.Before.UNKNOWN)) {
            done.add(ops.get(applied)); // the host is no longer as it was before it: it happened, maybe half-way
        }
        return revert(done, true);
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
            String step = done.get(i).describe();
            try {
                Optional<String> drift = recovering ? Optional.empty() : check.drift(inverse);
                if (drift.isPresent()) {
                    notReverted.add(step + " (" + drift.get() + ")");
                    continue;
                }
                inverse.apply(host);
                Optional<String> problem = check.unverified(inverse);
                if (problem.isPresent()) {
                    notReverted.add(step + " (" + problem.get() + ")");
                } else {
                    reverted.add(step);
                }
            } catch (RuntimeException e) {
                notReverted.add(step + " (" + message(e) + ")");
            }
        }
        reverted.forEach(r -> LOG.log(System.Logger.Level.INFO, "reverted: {0}", r));
        notReverted.forEach(r -> LOG.log(System.Logger.Level.WARNING, "not reverted: {0}", r));
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
        static final Revert NOTHING = new Revert(List.of(), List.of());

        static Revert reverted(String step) {
            return new Revert(List.of(step), List.of());
        }

        static Revert notReverted(String step) {
            return new Revert(List.of(), List.of(step));
        }

        /** This one's steps first (they were taken back first), then the other's. */
        Revert then(Revert later) {
            List<String> r = new ArrayList<>(reverted);
            r.addAll(later.reverted);
            List<String> n = new ArrayList<>(notReverted);
            n.addAll(later.notReverted);
            return new Revert(r, n);
        }
    }

    static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
