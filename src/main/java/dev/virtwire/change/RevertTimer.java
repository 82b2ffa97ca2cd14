package dev.virtwire.change;

import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RevertWatchdogOp;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Puts risky plans (they touch the link that carries the host's own connection) under a confirm-or-revert timer: a
 * watchdog on the host is armed first and undoes every later step unless the user confirms in time. A lost
 * connection then ends in the revert, not in a host nobody can reach. Kernel steps alone are taken back by an
 * {@code ip -batch}; kernel steps with files saved through ifupdown, systemd-networkd or netplan by Virtwire's watchdog
 * that also puts those files back ({@link UplinkWatchdogOp}). NetworkManager's plans bring their own checkpoint.
 */
final class RevertTimer {
    static final int DEFAULT_SECONDS = 60;
    private static final Set<LinkOwner> WATCHED = Set.of(LinkOwner.NETWORKD, LinkOwner.IFUPDOWN, LinkOwner.NETPLAN);

    private RevertTimer() {
    }

    /** The plan with a watchdog in front, when it is risky and every step is one a watchdog can take back. */
    static Plan guard(Plan plan) {
        if (!plan.risky() || plan.needsConfirmation()) {
            return plan;
        }
        int seconds = seconds(plan.intent());
        String id = UUID.randomUUID().toString();
        return revertBatch(plan.operations()).<Operation>map(batch -> new RevertWatchdogOp(id, seconds, batch, true))
                .or(() -> savedFilesWatchdog(id, seconds, plan.operations())).map(watchdog -> {
                    List<Operation> ops = new ArrayList<>();
                    ops.add(watchdog);
                    ops.addAll(plan.operations());
                    return new Plan(plan.intent(), plan.title() + " (confirm within " + seconds + " s)", ops);
                }).orElse(plan);
    }

    /** How long the user has to confirm: what the intent asks for (an MTU's {@code --confirm-within}), else 60 s. */
    static int seconds(Intent intent) {
        return intent instanceof LinkIntent.SetLinkMtu m ? m.confirmWithin().orElse(DEFAULT_SECONDS) : DEFAULT_SECONDS;
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

    /**
     * Virtwire's watchdog for files of one manager without a checkpoint and kernel steps: it puts the files back, has
     * the manager read them again and takes the kernel steps back. Empty when a step is neither (a manager's own
     * command, such as {@code networkctl reload} or {@code ifup}, cannot be taken back so).
     */
    private static Optional<Operation> savedFilesWatchdog(String id, int seconds, List<Operation> change) {
        List<ConfigFileChange> files = new ArrayList<>();
        Set<LinkOwner> managers = new HashSet<>();
        List<Operation> kernel = new ArrayList<>();
        Optional<String> link = Optional.empty();
        for (Operation op : change) {
            if (op instanceof ManagerFileOp f) {
                managers.add(LinkOwner.fromJson(f.manager()));
                files.add(new ConfigFileChange(f.before(), f.after()));
                link = link.or(() -> Optional.of(f.link()));
            } else if (op instanceof NetplanFileOp f && f.live() == NetplanFileOp.Live.RENDER_ONLY) {
                managers.add(LinkOwner.NETPLAN);
                files.add(new ConfigFileChange(f.before(), f.after()));
                link = link.or(() -> Optional.of(f.link()));
            } else if (op.inverse().ipCommand().isPresent()) {
                kernel.add(op);
            } else {
                return Optional.empty();
            }
        }
        if (files.isEmpty() || managers.size() != 1 || !WATCHED.containsAll(managers)) {
            return Optional.empty();
        }
        return Optional.of(new UplinkWatchdogOp(id, seconds, managers.iterator().next(), files, Optional.empty(),
                link.orElseThrow(), revertBatch(kernel).orElseThrow(), true));
    }
}
