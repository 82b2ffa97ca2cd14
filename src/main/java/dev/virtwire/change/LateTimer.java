package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.HostReader;
import java.util.Optional;

/**
 * What a change became when a later timer of it was gone by the time a confirmation reached it, although an earlier one
 * had been stopped (NetworkManager's checkpoint stopped, Virtwire's timer for netplan's files not): told from a fresh
 * read of the host ({@link ChangeNow}), since the earlier timer no longer took back what runs. Its files as they were
 * before the change mean the timer ran; as the change wrote them, that it ended before (stopped on the host, or by a
 * reboot). Reverted only when the change no longer runs; otherwise applied, with what is not saved said.
 */
final class LateTimer {
    private final ChangeNow now;

    LateTimer(HostReader host, HostReads reads) {
        this.now = new ChangeNow(host, reads);
    }

    /** @param what which timers were stopped and which one was gone, in the user's words */
    JournalEntry judge(JournalEntry entry, ConfirmOrRevert gone, String what) {
        boolean runs = now.runs(entry);
        ChangeNow.Files files = now.files(entry, gone);
        String paths = ChangeNow.paths(entry, gone);
        String read = switch (files) {
            case BACK -> runs ? "the change still runs, but its files are as they were before it, so it is not saved: "
                    + "the next boot brings the host up as they say, without it"
                    : "the files are as they were before the change and it no longer runs: the host has reverted it";
            case KEPT -> runs ? "the change runs and its files are as it wrote them: it is kept (the timer ended "
                    + "before it ran: stopped on the host, or by a reboot)" : "its files are as it wrote them, but the "
                    + "change does not run now: the next boot brings it up";
            case UNKNOWN -> (runs ? "the change still runs" : "the change no longer runs: the host has reverted it")
                    + (paths.isEmpty() ? "" : "; its files are neither all as they were nor all as it wrote them: "
                    + "check " + paths);
        };
        return entry.with(runs || files == ChangeNow.Files.KEPT ? HistoryEntry.Status.APPLIED
                : HistoryEntry.Status.REVERTED).withConfirmBy(Optional.empty()).withNote(what + "; read now: " + read);
    }
}
