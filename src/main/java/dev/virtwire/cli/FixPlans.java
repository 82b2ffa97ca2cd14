package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.Plan;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each fix of a diagnosis would run, planned by the change layer against the host as it is now. A
 * fix the planner refuses keeps its reason instead of commands.
 */
final class FixPlans {
    /** The planned commands, or why the change layer would not do it. */
    record Preview(List<String> commands, java.util.Optional<String> refused) {
    }

    private final Map<Fix, Preview> previews = new IdentityHashMap<>();

    static FixPlans of(Changes changes, Diagnosis diagnosis) {
        FixPlans plans = new FixPlans();
        diagnosis.findings().stream().flatMap(f -> Stream.concat(Stream.of(f), f.symptoms().stream()))
                .map(Finding::fix).flatMap(java.util.Optional::stream)
                .forEach(fix -> plans.previews.put(fix, preview(changes, fix)));
        return plans;
    }

    /** No planning at all (for output that does not show commands). */
    static FixPlans none() {
        return new FixPlans();
    }

    Preview preview(Fix fix) {
        return previews.getOrDefault(fix, new Preview(List.of(), java.util.Optional.empty()));
    }

    private static Preview preview(Changes changes, Fix fix) {
        try {
            Plan plan = changes.plan(fix.intent());
            return new Preview(plan.commands(), java.util.Optional.empty());
        } catch (ChangeRefused e) {
            return new Preview(List.of(), java.util.Optional.of(e.getMessage()));
        }
    }
}
