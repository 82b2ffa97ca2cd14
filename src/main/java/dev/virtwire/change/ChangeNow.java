package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
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

    /** The timer's files now; UNKNOWN for a timer that puts back no file. */
    Files files(ConfirmOrRevert timer) {
        if (!(timer instanceof UplinkWatchdogOp uplink)) {
            return Files.UNKNOWN;
        }
        List<Optional<String>> found = uplink.files().stream()
                .map(f -> host.savedFile(f.path()).map(ConfigFile::text)).toList();
        if (found.equals(texts(uplink.files(), false))) {
            return Files.BACK;
        }
        return found.equals(texts(uplink.files(), true)) ? Files.KEPT : Files.UNKNOWN;
    }

    /** The paths of the timer's files, "A and B" ("" for a timer that puts back no file), for the user to check. */
    static String paths(ConfirmOrRevert timer) {
        return timer instanceof UplinkWatchdogOp u ? String.join(" and ", u.files().stream()
                .map(ConfigFileChange::path).toList()) : "";
    }

    private static List<Optional<String>> texts(List<ConfigFileChange> files, boolean after) {
        return files.stream().map(f -> (after ? f.after() : f.before()).map(ConfigFile::text)).toList();
    }
}
