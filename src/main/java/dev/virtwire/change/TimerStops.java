package dev.virtwire.change;

import dev.virtwire.change.op.ConfirmOrRevert;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SuggestedCommands;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Confirming a change: stops its timers in order (netplan rendered for NetworkManager has two: NetworkManager's
 * checkpoint, then Virtwire's timer for the YAML), each stop kept in the journal as soon as it succeeded. A timer that
 * cannot be stopped after an earlier one was leaves the change waiting, told in full (which timer, what it will do
 * when, what to run), and a retry stops only the timers still running. A later timer that ran out after an earlier one
 * was stopped is judged from a fresh read ({@link LateTimer}), never assumed to have reverted everything; so is a first
 * timer that never ran, the host restarted before the deadline ({@link GoneTimer}).
 */
final class TimerStops {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final Host host;
    private final SuggestedCommands suggested;
    private final LateTimer late;
    private final GoneTimer gone;
    private final Consumer<JournalEntry> save;

    /** @param save keeps an entry in the journal at once (so a stop is never forgotten) */
    TimerStops(Host host, HostReads reads, SuggestedCommands suggested, Consumer<JournalEntry> save) {
        this.host = host;
        this.suggested = suggested;
        this.late = new LateTimer(host, reads);
        this.gone = new GoneTimer(host, reads, suggested);
        this.save = save;
    }

    /**
     * @return the entry confirmed (APPLIED), or judged after a late timer
     * @throws ChangeRefused when the first timer had already run out (too late), or a late one reverted it all, or the
     *                       first never ran and the change is gone
     * @throws HostException when a timer could not be stopped; the entry still waits for confirmation
     */
    JournalEntry confirm(JournalEntry entry) {
        List<ConfirmOrRevert> timers = entry.watchdogs();
        // the deadline counts from when the change started: the first timer still running sets it
        Instant started = deadline(entry).minusSeconds(firstRunning(entry, timers).map(ConfirmOrRevert::seconds)
                .orElse(0));
        boolean earlierStops = !entry.stopped().isEmpty();
        JournalEntry now = entry;
        for (ConfirmOrRevert timer : timers) {
            if (now.stopped().contains(timer.id())) {
                continue;
            }
            boolean inTime;
            try {
                inTime = timer.disarm(host);
            } catch (HostException e) {
                if (now.stopped().isEmpty()) {
                    throw e; // nothing stopped: every timer still takes the whole change back, together
                }
                JournalEntry waiting = now.withNote(notStopped(now, timers, timer, e.getMessage(),
                        started.plusSeconds(timer.seconds())));
                save.accept(waiting);
                throw new HostException(waiting.note().orElseThrow());
            }
            if (!inTime && now.stopped().isEmpty()) {
                JournalEntry judged = gone.judge(now, timer);
                save.accept(judged);
                if (HistoryTargets.isRevertedByHost(judged)) {
                    throw new ChangeRefused(HistoryTargets.tooLate(judged));
                }
                // kept only when all of it is: a change gone but for the steps before its timer is not confirmed
                if (judged.status() == HistoryEntry.Status.REVERTED || !judged.operations().equals(now.operations())) {
                    throw new ChangeRefused("not confirmed: " + judged.note().orElseThrow());
                }
                return judged;
            }
            if (!inTime) {
                JournalEntry judged = late.judge(now, timer, names(now, timers) + " " + (now.stopped().size() == 1
                        ? "was" : "were") + " stopped, but " + timer.timerName() + " was gone already (at "
                        + CLOCK.format(started.plusSeconds(timer.seconds())) + " it " + timer.atDeadline() + ")");
                save.accept(judged);
                if (judged.status() == HistoryEntry.Status.REVERTED) {
                    throw new ChangeRefused("too late: " + judged.note().orElseThrow());
                }
                return judged;
            }
            List<String> stopped = new ArrayList<>(now.stopped());
            stopped.add(timer.id());
            now = now.withStopped(stopped);
            Optional<ConfirmOrRevert> next = firstRunning(now, timers);
            if (next.isPresent()) {
                now = now.withConfirmBy(Optional.of(started.plusSeconds(next.get().seconds())));
                save.accept(now);
            }
        }
        // a note left by an earlier half-done confirmation is answered now
        JournalEntry confirmed = now.with(HistoryEntry.Status.APPLIED).withConfirmBy(Optional.empty())
                .withNote(earlierStops ? Optional.empty() : entry.note());
        save.accept(confirmed);
        return confirmed;
    }

    private String notStopped(JournalEntry entry, List<ConfirmOrRevert> timers, ConfirmOrRevert timer, String why,
                              Instant deadline) {
        return "not confirmed yet: " + names(entry, timers) + " " + (entry.stopped().size() == 1 ? "was" : "were")
                + " stopped, but " + timer.timerName() + " could not be stopped (" + why + "). Unless it is stopped, "
                + "at " + CLOCK.format(deadline) + " it " + timer.atDeadline() + ". Before then, run "
                + suggested.line("confirm") + " again (it stops only " + timer.timerName() + "), or stop it on the "
                + "host as root: " + timer.stopOnHost();
    }

    /** The timers this entry's confirmations stopped, by name. */
    private static String names(JournalEntry entry, List<ConfirmOrRevert> timers) {
        return String.join(" and ", timers.stream().filter(t -> entry.stopped().contains(t.id()))
                .map(ConfirmOrRevert::timerName).toList());
    }

    private static Optional<ConfirmOrRevert> firstRunning(JournalEntry entry, List<ConfirmOrRevert> timers) {
        return timers.stream().filter(t -> !entry.stopped().contains(t.id())).findFirst();
    }

    private static Instant deadline(JournalEntry entry) {
        return entry.confirmBy().map(Instant::parse).orElseGet(() -> Instant.parse(entry.when()));
    }
}
