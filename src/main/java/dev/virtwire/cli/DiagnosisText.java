package dev.virtwire.cli;

import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Hop;
import dev.virtwire.host.SuggestedCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A diagnosis for people: the verdict, the path with its broken hops, then each finding with what to do. */
final class DiagnosisText {
    private DiagnosisText() {
    }

    /** @param targetOptions the options that named the target (--internet ADDRESS), repeated in "apply it" */
    static String of(Diagnosis d, FixPlans plans, HostOptions host, List<String> targetOptions) {
        return of(d, plans, host.suggestions(), targetOptions);
    }

    /** @param host how suggested commands reach the diagnosed host */
    static String of(Diagnosis d, FixPlans plans, SuggestedCommands host) {
        return of(d, plans, host, List.of());
    }

    private static String of(Diagnosis d, FixPlans plans, SuggestedCommands host, List<String> targetOptions) {
        StringBuilder out = new StringBuilder();
        String verdict = d.reachable().map(r -> r ? "reachable" : "NOT reachable")
                .orElse("unknown (something that could block it was not checked)");
        out.append(d.guest()).append(" (NIC ").append(d.nic()).append(") -> ").append(d.target()).append(": ")
                .append(verdict).append('\n');
        out.append("path: ").append(d.path().stream().map(DiagnosisText::hop).collect(Collectors.joining(" -> ")))
                .append("\n");
        for (Finding f : d.findings()) {
            finding(out, f, "", d, plans, host, targetOptions);
        }
        if (d.findings().isEmpty()) {
            out.append("\nno problems found on the path\n");
        }
        if (!d.unchecked().isEmpty()) {
            out.append("\nnot checked:\n");
            d.unchecked().forEach(u -> out.append("  - ").append(u).append('\n'));
        }
        return out.toString();
    }

    private static String hop(Hop hop) {
        return hop.nodeId().text() + (hop.ok() ? "" : " [" + hop.findingId().orElse("problem") + "]");
    }

    private static void finding(StringBuilder out, Finding f, String indent, Diagnosis d, FixPlans plans,
                                SuggestedCommands host, List<String> targetOptions) {
        out.append('\n').append(indent).append(f.severity().name()).append(' ').append(f.id()).append(": ")
                .append(f.title()).append('\n');
        f.evidence().forEach(e -> out.append(indent).append("  evidence: ").append(e).append('\n'));
        f.fix().ifPresent(fix -> {
            out.append(indent).append("  fix: ").append(fix.description()).append('\n');
            FixPlans.Preview preview = plans.preview(fix);
            preview.commands().forEach(c -> out.append(indent).append("    ").append(PromptedLines.prompted(c))
                    .append('\n'));
            preview.refused().ifPresent(r -> out.append(indent).append("    (not possible now: ").append(r)
                    .append(")\n"));
        });
        f.steps().forEach(s -> out.append(indent).append("  step: ").append(s).append('\n'));
        if (!f.symptoms().isEmpty()) {
            out.append(indent).append("  which also explains:").append('\n');
            f.symptoms().forEach(s -> finding(out, s, indent + "    ", d, plans, host, targetOptions));
        }
        if (f.fix().isPresent() && indent.isEmpty() && plans.preview(f.fix().get()).refused().isEmpty()) {
            List<String> fix = new ArrayList<>(List.of("fix", d.guest(), f.id(), "--to", d.target()));
            fix.addAll(targetOptions);
            out.append("  apply it: ").append(host.line(fix.toArray(String[]::new))).append('\n');
        }
    }
}
