package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RevertWatchdogOp;
import dev.virtwire.host.IpCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts risky kernel plans (they touch the link that carries the host's own connection) under a
 * confirm-or-revert timer: a watchdog on the host is armed first and undoes every later step unless the
 * user confirms in time. A lost connection then ends in the revert, not in a host nobody can reach.
 */
final class RevertTimer {
    static final int DEFAULT_SECONDS = 60;

    private RevertTimer() {
    }

    /** The plan with a watchdog in front, when it is risky and every step is a kernel step. */
    static Plan guard(Plan plan) {
        if (!plan.risky() || plan.needsConfirmation()) {
            return plan;
        }
        return revertBatch(plan.operations()).map(batch -> {
            List<Operation> ops = new ArrayList<>();
            ops.add(new RevertWatchdogOp(UUID.randomUUID().toString(), DEFAULT_SECONDS, batch, true));
            ops.addAll(plan.operations());
            return new Plan(plan.intent(), plan.title() + " (confirm within " + DEFAULT_SECONDS + " s)", ops);
        }).orElse(plan);
    }

    /** The ip batch that takes these steps back, last step first; empty if one of them is not a kernel step. */
    static Optional<List<String>> revertBatch(List<Operation> change) {
        List<String> batch = new ArrayList<>();
        for (int k = change.size() - 1; k >= 0; k--) {
            Optional<List<String>> argv = change.get(k).inverse().ipCommand();
            if (argv.isEmpty()) {
                return Optional.empty();
            }
            batch.add(IpCommands.batchLine(argv.get()));
        }
        return Optional.of(batch);
    }
}
