package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SuggestedCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal's deadline check: a change that waited for confirmation past its deadline is marked as what the host
 * made of it, before any history, undo, redo or apply decides from the journal. Without it the history would go on
 * showing "waits for confirmation" after the host's timer took the change back (or a reboot killed the timer).
 * Not thread-safe: {@link Changes} calls it under its own lock.
 */
final class PassedDeadlines {
    /** How long after a confirmation deadline the host-side watchdog is taken to have reverted the change. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(3);

    private final Host host;
    private final HostReads reads;
    private final SuggestedCommands suggested;
    private final JournalEntries entries;

    PassedDeadlines(Host host, HostReads reads, SuggestedCommands suggested, JournalEntries entries) {
        this.host = host;
        this.reads = reads;
        this.suggested = suggested;
        this.entries = entries;
    }

    /** Marks each change past its deadline (and the grace) as the host left it; saves the journal if any changed. */
    void check() {
        Instant now = Instant.now();
        boolean changed = false;
        for (JournalEntry e : List.copyOf(entries.list())) {
            // once a timer of it was stopped, only a confirmation, which asks the host, can tell what the rest did
            if (e.status() == HistoryEntry.Status.AWAITING_CONFIRMATION && e.stopped().isEmpty()
                    && e.confirmBy().map(Instant::parse).filter(d -> now.isAfter(d.plus(WATCHDOG_GRACE))).isPresent()) {
                JournalEntry judged = afterDeadline(e);
                if (!judged.equals(e)) {
                    entries.replaceAll(x -> x.id().equals(e.id()) ? judged : x);
                    changed = true;
                }
            }
        }
        if (changed) {
            entries.save();
        }
    }

    /** The newest change, when this check found that its timer never ran. */
    Optional<JournalEntry> lastNeverRan() {
        List<JournalEntry> list = entries.list();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1))
                .filter(e -> e.note().filter(n -> n.contains(GoneTimer.NEVER_RAN)).isPresent());
    }

    /**
     * A change past its deadline: reverted by the host only when its timer left its mark ({@link GoneTimer}); a host
     * that cannot say leaves it waiting with a note, and a confirmation asks again.
     */
    private JournalEntry afterDeadline(JournalEntry e) {
        Optional<ConfirmOrRevert> timer = e.watchdogs().stream().findFirst();
        if (timer.isEmpty()) {
            return HistoryTargets.revertedByHost(e);
        }
        try {
            return new GoneTimer(host, reads, suggested).judge(e, timer.get());
        } catch (HostException unknown) {
            return e.withNote(Optional.of("its deadline passed; whether the host took it back is not known ("
                    + unknown.getMessage() + "): " + suggested.line("confirm") + " asks the host again"));
        }
    }
}
