package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SuggestedCommands;

/**
 * What a change became when its first revert timer was gone, found by a confirmation or by the journal's deadline
 * check. The armed file gone alone does not say the timer ran: a reboot (or /run emptied) before the deadline kills the
 * timer and takes the armed file with it. The timer's mark on the host does: present, the host reverted the change
 * ({@link HistoryTargets#revertedByHost}); absent, the timer never ran, and a fresh read says what the change is now
 * ({@link LateTimer#neverRan}).
 */
final class GoneTimer {
    private final Host host;
    private final LateTimer late;
    private final SuggestedCommands suggested;

    GoneTimer(Host host, HostReads reads, SuggestedCommands suggested) {
        this.host = host;
        this.late = new LateTimer(host, reads);
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
        return ran ? HistoryTargets.revertedByHost(entry) : late.neverRan(entry, timer, suggested.line("undo"));
    }
}
