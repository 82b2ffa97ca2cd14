package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which entry of a history undo, redo or a confirmation concerns, and a change's steps taken back. Pure. */
final class HistoryTargets {
    private static final String NOT_CONFIRMED = "not confirmed in time: the host reverted it";
    private static final String PARTLY = " (partly: the host reverted the steps under its timer)";

    private HistoryTargets() {
    }

    /** The newest change still in effect (applied, or awaiting its confirmation). */
    static Optional<JournalEntry> undo(List<JournalEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            HistoryEntry.Status s = entries.get(i).status();
            if (s == HistoryEntry.Status.APPLIED || s == HistoryEntry.Status.AWAITING_CONFIRMATION) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The change undone last, as long as nothing was applied after its undo. */
    static Optional<JournalEntry> redo(List<JournalEntry> entries) {
        return entries.stream().filter(e -> e.status() == HistoryEntry.Status.UNDONE && e.undoneAfter() > 0)
                .max(Comparator.comparingLong(JournalEntry::undoneAfter));
    }

    static Optional<JournalEntry> awaiting(List<JournalEntry> entries) {
        return entries.stream().filter(e -> e.status() == HistoryEntry.Status.AWAITING_CONFIRMATION).findFirst();
    }

    /**
     * A change whose revert timer ran out: the host took back the steps after its watchdog. Steps before it (a
     * guest's NIC moved onto the new bridge: libvirt's, which the watchdog cannot run) stay, so the entry keeps
     * them as applied and undo takes them back; without such steps the whole change is reverted.
     */
    static JournalEntry revertedByHost(JournalEntry e) {
        String note = NOT_CONFIRMED;
        int timer = e.watchdog().map(w -> e.operations().indexOf(w)).orElse(0);
        if (timer <= 0) {
            return e.with(HistoryEntry.Status.REVERTED).withNote(note);
        }
        return new JournalEntry(e.id(), e.title() + PARTLY,
                e.when(), e.host(), e.intent(), e.operations().subList(0, timer), HistoryEntry.Status.APPLIED, timer,
                Optional.of(note + " from its revert timer on; the steps before the timer stay (undo takes them "
                        + "back)"), Optional.empty(), e.undoneAfter());
    }

    /** The newest change, when it is one whose revert timer ran out ({@link #revertedByHost}). */
    static Optional<JournalEntry> lastRevertedByHost(List<JournalEntry> entries) {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1))
                .filter(HistoryTargets::isRevertedByHost);
    }

    /** Whether {@link #revertedByHost} made this entry (wholly, or from its timer on). */
    static boolean isRevertedByHost(JournalEntry e) {
        return (e.status() == HistoryEntry.Status.REVERTED || e.status() == HistoryEntry.Status.APPLIED
                && e.title().endsWith(PARTLY)) && e.note().filter(n -> n.startsWith(NOT_CONFIRMED)).isPresent();
    }

    /**
     * What a confirmation that came after the host's timer ran says, whether it found the change still waiting or
     * already marked by {@link #revertedByHost}.
     *
     * @param reverted the entry as {@link #revertedByHost} left it
     */
    static String tooLate(JournalEntry reverted) {
        String title = reverted.title().endsWith(PARTLY) ? reverted.title().substring(0, reverted.title().length()
                - PARTLY.length()) : reverted.title();
        return "too late: '" + title + "' was not confirmed in time and the host has reverted it by itself"
                + (reverted.status() == HistoryEntry.Status.APPLIED ? ", from its revert timer on; the steps before "
                + "the timer stay (undo takes them back)" : "");
    }

    /** The steps that take these back: each one's inverse, newest first. */
    static List<Operation> inverse(List<Operation> ops) {
        List<Operation> inverse = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            inverse.add(ops.get(i).inverse());
        }
        return inverse;
    }
}
