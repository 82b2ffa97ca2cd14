package dev.virtwire.change;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.change.op.NmMtuOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What a fresh read of the host shows of a change whose timer no longer says what became of it (a later timer gone
 * after an earlier was stopped, {@link LateTimer}; a first timer that never ran, {@link GoneTimer}): whether the
 * steps after its timers still show, and whether the files the timer would put back are as before the change, as it
 * wrote them, or neither.
 */
final class ChangeNow {
    enum Files { BACK, KEPT, UNKNOWN }

    private final HostReader host;
    private final HostReads reads;

    ChangeNow(HostReader host, HostReads reads) {
        this.host = host;
        this.reads = reads;
    }

    /** Whether every step after the timers that a read can show still shows. */
    boolean runs(JournalEntry entry) {
        List<Operation> ops = entry.operations();
        int last = ops.size() - 1;
        while (last >= 0 && !(ops.get(last) instanceof ConfirmOrRevert w && w.arm())) {
            last--;
        }
        List<Operation> live = ops.subList(last + 1, ops.size()).stream().filter(Operation::showsInSnapshot).toList();
        HostSnapshot now = reads.aboutSteps(live);
        return live.stream().allMatch(op -> op.unverified(now).isEmpty());
    }

    /** The files the timer's change saves now; UNKNOWN when it saves none. */
    Files files(JournalEntry entry, ConfirmOrRevert timer) {
        List<ConfigFileChange> changes = changedFiles(entry, timer);
        if (changes.isEmpty()) {
            return Files.UNKNOWN;
        }
        List<Optional<String>> found = changes.stream().map(f -> host.savedFile(f.path()).map(ConfigFile::text))
                .toList();
        if (found.equals(texts(changes, false))) {
            return Files.BACK;
        }
        return found.equals(texts(changes, true)) ? Files.KEPT : Files.UNKNOWN;
    }

    /** The paths of those files, "A and B" ("" when it saves none), for the user to check. */
    static String paths(JournalEntry entry, ConfirmOrRevert timer) {
        return String.join(" and ", changedFiles(entry, timer).stream().map(ConfigFileChange::path).toList());
    }

    /**
     * The files a timer's change saves: an uplink timer's own; under NetworkManager's checkpoint, the profiles the steps
     * after it write (netplan's YAML is its later timer's, which the checkpoint does not put back).
     */
    private static List<ConfigFileChange> changedFiles(JournalEntry entry, ConfirmOrRevert timer) {
        if (timer instanceof UplinkWatchdogOp u) {
            return u.files();
        }
        if (!(timer instanceof CheckpointOp)) {
            return List.of();
        }
        List<Operation> ops = entry.operations();
        return ops.subList(ops.indexOf(timer) + 1, ops.size()).stream().map(op -> op instanceof NmMtuOp m
                ? m.profile() : op).filter(op -> op instanceof NmProfileOp).map(op -> (NmProfileOp) op)
                .map(p -> new ConfigFileChange(p.before(), p.after())).toList();
    }

    private static List<Optional<String>> texts(List<ConfigFileChange> files, boolean after) {
        return files.stream().map(f -> (after ? f.after() : f.before()).map(ConfigFile::text)).toList();
    }
}
