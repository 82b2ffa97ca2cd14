package dev.virtwire.change.fleet;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.change.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One change made on several hosts, host by host, as one undoable change. Each host's part runs through that host's
 * own history (preview, precondition check, verify, roll back within the host, as any change); when a host's part
 * fails or is refused, the hosts changed before it are undone again, newest first, so the fleet is left as it was.
 * The fleet's history records the change once, with its part on each host.
 */
public final class FleetChange {
    private FleetChange() {
    }

    /** One host's part: its name in the fleet, its history, and the plan to run there. */
    public record Part(String host, Changes changes, Plan plan) {
        public Part {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /**
     * Applies each part in turn.
     *
     * @throws ChangeRefused when a part would run under a revert timer (a fleet change cannot wait for each host's
     *                       confirmation), before any host is touched
     * @throws ChangeFailed  when a host's part failed or was refused: it names the host, and what was undone again
     */
    public static FleetHistoryEntry apply(String title, List<Part> parts, FleetHistory history) {
        parts.stream().filter(p -> p.plan().needsConfirmation()).findFirst().ifPresent(p -> {
            throw new ChangeRefused("on " + p.host() + ", '" + p.plan().title() + "' touches the link that carries "
                    + "the host's own connection and would wait for a confirmation: change that host on its own");
        });
        List<FleetHistoryEntry.Step> done = new ArrayList<>();
        List<Part> changed = new ArrayList<>();
        String id = UUID.randomUUID().toString();
        for (Part part : parts) {
            HistoryEntry entry;
            try {
                entry = part.changes().apply(part.plan());
            } catch (ChangeRefused | ChangeFailed e) {
                throw rollBack(id, title, part, e, changed, done, history);
            }
            done.add(new FleetHistoryEntry.Step(part.host(), entry.id(), entry.commands()));
            changed.add(part);
        }
        FleetHistoryEntry entry = new FleetHistoryEntry(id, title, Instant.now(), FleetHistoryEntry.Status.APPLIED,
                done, Optional.empty());
        history.add(entry);
        return entry;
    }

    private static ChangeFailed rollBack(String id, String title, Part failed, RuntimeException cause,
                                         List<Part> changed, List<FleetHistoryEntry.Step> done, FleetHistory history) {
        List<String> reverted = new ArrayList<>();
        List<String> notReverted = new ArrayList<>();
        boolean failedHostChanged = cause instanceof ChangeFailed f && !f.hostUnchanged();
        if (failedHostChanged) {
            notReverted.add(failed.host() + ": " + String.join("; ", ((ChangeFailed) cause).notReverted()));
        }
        for (int i = changed.size() - 1; i >= 0; i--) {
            Part part = changed.get(i);
            try {
                part.changes().undo();
                reverted.add(part.host() + ": " + part.plan().title());
            } catch (ChangeRefused | ChangeFailed e) {
                notReverted.add(part.host() + ": " + part.plan().title() + " (" + e.getMessage() + ")");
            }
        }
        String reason = cause.getMessage();
        history.add(new FleetHistoryEntry(id, title, Instant.now(), FleetHistoryEntry.Status.ROLLED_BACK, done,
                Optional.of("failed on " + failed.host() + ": " + reason + (notReverted.isEmpty() ? ""
                        : "; not undone: " + String.join("; ", notReverted)))));
        return new ChangeFailed("on " + failed.host() + ", " + failed.plan().title(), reason, reverted, notReverted);
    }

    /**
     * What {@link #undo} would run on each host, newest host first; changes nothing.
     *
     * @param open opens a host's history by its name in the fleet
     * @throws ChangeRefused when there is nothing to undo, or a host's newest change is no longer this one's part
     */
    public static List<Part> undoPlan(FleetHistory history, Function<String, Changes> open) {
        FleetHistoryEntry entry = history.newestApplied().orElseThrow(() -> new ChangeRefused("nothing to undo: "
                + "the fleet's history (" + history.file() + ") has no change still applied"));
        List<Part> out = new ArrayList<>();
        for (int i = entry.steps().size() - 1; i >= 0; i--) {
            FleetHistoryEntry.Step step = entry.steps().get(i);
            Changes changes = open.apply(step.host());
            Plan plan = changes.undoPlan();
            String newest = ((Intent.Undo) plan.intent()).entryId();
            if (!newest.equals(step.entry())) {
                throw new ChangeRefused("on " + step.host() + ", the newest change is '" + ((Intent.Undo) plan.intent())
                        .title() + "', made after '" + entry.title() + "': undo it on " + step.host() + " first");
            }
            out.add(new Part(step.host(), changes, plan));
        }
        return out;
    }

    /**
     * Takes back the newest change still applied across hosts, host by host (newest first), each through its
     * host's history. Every host is checked before any is touched.
     *
     * @throws ChangeFailed when a host's undo failed: the hosts undone before it are named, the change stays in
     *                      the history as applied (undo it on the remaining hosts one by one)
     */
    public static FleetHistoryEntry undo(FleetHistory history, Function<String, Changes> open) {
        List<Part> parts = undoPlan(history, open);
        FleetHistoryEntry entry = history.newestApplied().orElseThrow();
        List<String> undone = new ArrayList<>();
        for (Part part : parts) {
            try {
                part.changes().undo();
                undone.add(part.host() + ": " + part.plan().title());
            } catch (ChangeRefused | ChangeFailed e) {
                List<String> left = parts.subList(parts.indexOf(part), parts.size()).stream()
                        .map(p -> p.host() + ": " + p.plan().title()).toList();
                history.replace(entry.with(FleetHistoryEntry.Status.APPLIED, Optional.of("partly undone: "
                        + String.join("; ", undone) + "; failed on " + part.host() + ": " + e.getMessage())));
                throw new ChangeFailed("on " + part.host() + ", " + part.plan().title(), e.getMessage(), undone, left);
            }
        }
        FleetHistoryEntry after = entry.with(FleetHistoryEntry.Status.UNDONE, Optional.empty());
        history.replace(after);
        return after;
    }
}
