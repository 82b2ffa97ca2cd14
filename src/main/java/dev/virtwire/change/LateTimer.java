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
 * What a change became when a later timer of it was gone by the time a confirmation reached it, although an earlier one
 * had been stopped (NetworkManager's checkpoint stopped, Virtwire's timer for netplan's files not): told from a fresh
 * read of the host, since the earlier timer no longer took back what runs. Its files as they were before the change
 * mean the timer ran; as the change wrote them, that it ended before (stopped on the host, or by a reboot). Reverted only when the change no longer
 * runs; otherwise applied, with what is not saved said. The same fresh read judges a change whose first timer never ran
 * ({@link #neverRan}): the host restarted, or /run was emptied, before the deadline (for NetworkManager's checkpoint:
 * NetworkManager or the host restarted).
 */
final class LateTimer {
    /** How a note says that a change's first timer never ran (the rest of it says why). */
    static final String NEVER_RAN = " never ran (";

    private enum Files { BACK, KEPT, UNKNOWN }

    private final HostReader host;
    private final HostReads reads;

    LateTimer(HostReader host, HostReads reads) {
        this.host = host;
        this.reads = reads;
    }

    /** @param what which timers were stopped and which one was gone, in the user's words */
    JournalEntry judge(JournalEntry entry, ConfirmOrRevert gone, String what) {
        boolean runs = runs(entry);
        Files files = files(entry, gone);
        String read = switch (files) {
            case BACK -> runs ? "the change still runs, but its files are as they were before it, so it is not saved: "
                    + "the next boot brings the host up as they say, without it"
                    : "the files are as they were before the change and it no longer runs: the host has reverted it";
            case KEPT -> runs ? "the change runs and its files are as it wrote them: it is kept (the timer ended "
                    + "before it ran: stopped on the host, or by a reboot)" : "its files are as it wrote them, but the "
                    + "change does not run now: the next boot brings it up";
            case UNKNOWN -> (runs ? "the change still runs" : "the change no longer runs: the host has reverted it")
                    + (gone instanceof UplinkWatchdogOp u ? "; its files are neither all as they were nor all as it "
                    + "wrote them: check " + String.join(" and ", u.files().stream().map(ConfigFileChange::path)
                    .toList()) : "");
        };
        return entry.with(runs || files == Files.KEPT ? HistoryEntry.Status.APPLIED : HistoryEntry.Status.REVERTED)
                .withConfirmBy(Optional.empty()).withNote(what + "; read now: " + read);
    }

    /**
     * The change's first timer never ran (no mark of it on the host): nothing took the change back, so what the host
     * shows now says what it is. Still running, or saved: kept as confirmed, and undo takes it back. Neither: gone
     * (not reverted by the timer: the restart took what only ran); steps before the timer (libvirt's) stay.
     *
     * @param undo the command line that undoes it, as suggested to the user
     */
    JournalEntry neverRan(JournalEntry entry, ConfirmOrRevert timer, String undo) {
        boolean runs = runs(entry);
        Files files = files(entry, timer);
        String paths = String.join(" and ", changedFiles(entry, timer).stream().map(ConfigFileChange::path).toList());
        String read = switch (files) {
            case KEPT -> runs ? "the change still runs and is still saved (its files as it wrote them)"
                    : "the change is still saved (its files as it wrote them) but does not run now: the next boot "
                    + "brings it up";
            case BACK -> runs ? "the change still runs, but its files are as they were before it, so it is not saved"
                    : "the change is gone: it does not run and its files are as they were before it";
            case UNKNOWN -> (runs ? "the change still runs" : "the change does not run any more (a restart takes "
                    + "away what is not saved)") + (paths.isEmpty() ? "" : "; its files are neither all as they "
                    + "were nor all as it wrote them: check " + paths);
        };
        boolean kept = runs || files == Files.KEPT;
        String note = timer.timerName() + NEVER_RAN + (timer instanceof CheckpointOp ? "it ended before its deadline "
                + "without a rollback: NetworkManager or the host restarted" : "the host restarted, or /run/virtwire was "
                + "emptied, before the deadline") + "), so it did not take the change back; read now: " + read
                + (kept ? ". It is kept as confirmed; " + undo + " takes it back" : "");
        int at = entry.operations().indexOf(timer);
        if (kept || at <= 0) {
            return entry.with(kept ? HistoryEntry.Status.APPLIED : HistoryEntry.Status.REVERTED)
                    .withConfirmBy(Optional.empty()).withNote(note);
        }
        return new JournalEntry(entry.id(), entry.title(), entry.when(), entry.host(), entry.intent(),
                entry.operations().subList(0, at), HistoryEntry.Status.APPLIED, at, Optional.of(note + "; the steps "
                + "before the timer stay (" + undo + " takes them back)"), Optional.empty(), entry.undoneAfter());
    }

    /** Whether every step after the timers that a read can show still shows. */
    private boolean runs(JournalEntry entry) {
        List<Operation> ops = entry.operations();
        int last = ops.size() - 1;
        while (last >= 0 && !(ops.get(last) instanceof ConfirmOrRevert w && w.arm())) {
            last--;
        }
        List<Operation> live = ops.subList(last + 1, ops.size()).stream().filter(Operation::showsInSnapshot).toList();
        HostSnapshot now = reads.aboutSteps(live);
        return live.stream().allMatch(op -> op.unverified(now).isEmpty());
    }

    /**
     * Whether the profiles a change under NetworkManager's checkpoint wrote are still as it wrote them: the checkpoint's
     * rollback puts them back (and deletes new ones), so then it never rolled back.
     */
    boolean savedAsWritten(JournalEntry entry, CheckpointOp checkpoint) {
        return files(entry, checkpoint) == Files.KEPT;
    }

    private Files files(JournalEntry entry, ConfirmOrRevert gone) {
        List<ConfigFileChange> changes = changedFiles(entry, gone);
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
