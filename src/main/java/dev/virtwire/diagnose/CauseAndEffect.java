package dev.virtwire.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders findings so the most likely root cause comes first, and files each finding that an earlier one
 * explains (a missing lease when the tap is on no bridge) under it as a symptom.
 */
final class CauseAndEffect {
    private static final Comparator<Finding> ROOT_CAUSE_FIRST = Comparator
            .comparing((Finding f) -> f.blocks() ? 0 : 1)
            .thenComparing(f -> f.entry().ordinal())
            .thenComparing(f -> f.severity().ordinal());

    private CauseAndEffect() {
    }

    static List<Finding> arrange(List<Finding> findings) {
        List<Finding> sorted = causesBeforeEffects(findings.stream().distinct().sorted(ROOT_CAUSE_FIRST).toList());
        List<Finding> roots = new ArrayList<>();
        List<List<Finding>> symptoms = new ArrayList<>();
        for (Finding finding : sorted) {
            int cause = -1;
            for (int i = 0; i < roots.size() && cause < 0; i++) {
                if (explains(roots.get(i), finding)) {
                    cause = i;
                }
            }
            if (cause < 0) {
                roots.add(finding);
                symptoms.add(new ArrayList<>());
            } else {
                symptoms.get(cause).add(finding);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            out.add(roots.get(i).withSymptoms(symptoms.get(i)));
        }
        return out;
    }

    /**
     * The catalog's order is only the usual one: when a finding explains one that the catalog puts before it
     * (an uplink that is down, under which its bridge port shows as not forwarding), the cause moves up.
     * Otherwise the order stays; a cycle of explanations keeps it too.
     */
    private static List<Finding> causesBeforeEffects(List<Finding> sorted) {
        List<Finding> left = new ArrayList<>(sorted);
        List<Finding> out = new ArrayList<>();
        while (!left.isEmpty()) {
            Finding next = left.stream()
                    .filter(f -> left.stream().noneMatch(other -> other != f && explains(other, f)))
                    .findFirst().orElse(left.get(0));
            left.remove(next);
            out.add(next);
        }
        return out;
    }

    private static boolean explains(Finding cause, Finding effect) {
        return cause.blocks() && effect.entry().isSymptomOf(cause.entry());
    }
}
