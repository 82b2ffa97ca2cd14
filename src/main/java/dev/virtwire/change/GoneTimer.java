package dev.virtwire.change;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.host.SuggestedCommands;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a change became when its first revert timer was gone, found by a confirmation or by the journal's deadline
 * check ({@link PassedDeadlines}). The armed file gone alone does not say the timer ran: a reboot (or /run emptied)
 * before the deadline kills the timer and takes the armed file with it. The timer's mark on the host does: present,
 * the host reverted the change ({@link HistoryTargets#revertedByHost}); absent, the timer never ran, and a fresh read
 * ({@link ChangeNow}) says what the change is now. NetworkManager's checkpoint leaves no mark, and a restart of
 * NetworkManager or of the host ends it without a rollback: see {@link #checkpointGone}.
 */
final class GoneTimer {
    /** How a note says that a change's first timer never ran (the rest of it says why). */
    static final String NEVER_RAN = " never ran (";

    private final Host host;
    private final ChangeNow now;
    private final LateTimer late;
    private final SuggestedCommands suggested;

    GoneTimer(Host host, HostReads reads, SuggestedCommands suggested) {
        this.host = host;
        this.now = new ChangeNow(host, reads);
        this.late = new LateTimer(host, reads);
        this.suggested = suggested;
    }

    /**
     * @throws HostException when the host could not say whether the timer ran: nothing is claimed, the entry is as it
     *                       was
     */
    JournalEntry judge(JournalEntry entry, ConfirmOrRevert timer) {
        Optional<Boolean> ran;
        try {
            ran = timer.ran(host);
        } catch (HostException e) {
            throw new HostException(timer.timerName() + " of '" + entry.title() + "' is gone, but whether it ran "
                    + "(and took the change back) could not be read: " + e.getMessage());
        }
        if (ran.isEmpty() && timer instanceof CheckpointOp checkpoint) {
            return checkpointGone(entry, checkpoint);
        }
        return ran.orElseThrow() ? HistoryTargets.revertedByHost(entry)
                : neverRan(entry, timer, suggested.line("undo"));
    }

    /**
     * A checkpoint Virtwire could not destroy, judged from what the host shows. NetworkManager still holding one (its
     * record in /run/virtwire may be gone while it runs on): not known, it may still roll back. Before its deadline it
     * cannot have rolled back, and after it, the profiles the change wrote still as it wrote them say it did not (a
     * rollback puts them back): it never ran, and the fresh read says what the change is now; its later timer (netplan's
     * files) is stopped when the change is kept. Otherwise it rolled the change back, as at its deadline.
     */
    private JournalEntry checkpointGone(JournalEntry entry, CheckpointOp checkpoint) {
        List<String> held;
        try {
            held = host.savedConfig().checkpoints();
        } catch (HostException e) {
            throw new HostException(checkpoint.timerName() + " of '" + entry.title() + "' is gone, but whether "
                    + "NetworkManager still holds it could not be read: " + e.getMessage());
        }
        if (!held.isEmpty()) {
            throw new HostException(checkpoint.timerName() + " of '" + entry.title() + "' is not known to have "
                    + "ended: NetworkManager still holds " + String.join(" and ", held) + "; if that is this change's, "
                    + "NetworkManager rolls the change back when it runs out. To keep the change, destroy it on the "
                    + "host as root (" + String.join(" ", SavedConfigCommands.checkpointDestroy(held.get(0)))
                    + ") and run " + suggested.line("confirm") + " again; after it ran out, " + suggested.line("confirm")
                    + " says what it did");
        }
        boolean beforeDeadline = entry.confirmBy().map(Instant::parse).filter(Instant.now()::isBefore).isPresent();
        if (!beforeDeadline && now.files(entry, checkpoint) != ChangeNow.Files.KEPT) {
            return HistoryTargets.revertedByHost(entry);
        }
        JournalEntry read = neverRan(entry, checkpoint, suggested.line("undo"));
        // kept whole (not only the steps before the timer)
        boolean kept = read.status() == HistoryEntry.Status.APPLIED && read.operations().equals(entry.operations());
        return kept ? stopLater(entry, checkpoint, read) : read;
    }

    /**
     * Keeping the change: the timers after the checkpoint (netplan's files) stopped, or found never to have run. One
     * that ran (it runs out after the checkpoint's deadline) put its files back: the fresh read says what is left.
     */
    private JournalEntry stopLater(JournalEntry entry, CheckpointOp checkpoint, JournalEntry kept) {
        List<ConfirmOrRevert> timers = entry.watchdogs();
        for (ConfirmOrRevert later : timers.subList(timers.indexOf(checkpoint) + 1, timers.size())) {
            if (!later.disarm(host) && later.ran(host).orElse(false)) {
                return late.judge(entry, later, checkpoint.timerName() + " ended before its deadline without a "
                        + "rollback, but " + later.timerName() + " was gone already (it " + later.atDeadline() + ")");
            }
        }
        return kept;
    }

    /**
     * The change's first timer never ran (no mark of it on the host): nothing took the change back, so what the host
     * shows now says what it is. Still running, or saved: kept as confirmed, and undo takes it back. Neither: gone
     * (not reverted by the timer: the restart took what only ran); steps before the timer (libvirt's) stay.
     *
     * @param undo the command line that undoes it, as suggested to the user
     */
    private JournalEntry neverRan(JournalEntry entry, ConfirmOrRevert timer, String undo) {
        boolean runs = now.runs(entry);
        ChangeNow.Files files = now.files(entry, timer);
        String paths = ChangeNow.paths(entry, timer);
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
        boolean kept = runs || files == ChangeNow.Files.KEPT;
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
}
