package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SuggestedCommands;
import java.util.Optional;

/**
 * What a change became when its first revert timer was gone, found by a confirmation or by the journal's deadline
 * check ({@link PassedDeadlines}). The armed file gone alone does not say the timer ran: a reboot (or /run emptied)
 * before the deadline kills the timer and takes the armed file with it. The timer's mark on the host does: present,
 * the host reverted the change ({@link HistoryTargets#revertedByHost}); absent, the timer never ran, and a fresh read
 * ({@link ChangeNow}) says what the change is now.
 */
final class GoneTimer {
    /** How a note says that a change's first timer never ran. */
    static final String NEVER_RAN = " never ran (the host restarted, or /run/virtwire was emptied, before the deadline)";

    private final Host host;
    private final ChangeNow now;
    private final SuggestedCommands suggested;

    GoneTimer(Host host, HostReads reads, SuggestedCommands suggested) {
        this.host = host;
        this.now = new ChangeNow(host, reads);
        this.suggested = suggested;
    }

    /**
     * @throws HostException when the host could not say whether the timer ran: nothing is claimed, the entry is as it
     *                       was
     */
    JournalEntry judge(JournalEntry entry, ConfirmOrRevert timer) {
        boolean ran;
        try {
            ran = timer.ran(host);
        } catch (HostException e) {
            throw new HostException(timer.timerName() + " of '" + entry.title() + "' is gone, but whether it ran "
                    + "(and took the change back) could not be read: " + e.getMessage());
        }
        return ran ? HistoryTargets.revertedByHost(entry) : neverRan(entry, timer, suggested.line("undo"));
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
        ChangeNow.Files files = now.files(timer);
        String paths = ChangeNow.paths(timer);
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
        String note = timer.timerName() + NEVER_RAN + ", so it did not take the change back; read now: " + read
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
