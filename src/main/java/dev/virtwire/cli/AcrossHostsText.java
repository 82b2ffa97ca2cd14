package dev.virtwire.cli;

import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.FleetHop;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * A diagnosis across hosts for people: the verdict and the broken hop with its host, the path over both hosts,
 * the segment between them, then each host's half as `diagnose` prints it there.
 */
final class AcrossHostsText {
    private AcrossHostsText() {
    }

    /** @param fleet the options that named the fleet list (--config-dir, --state-dir), for the commands suggested */
    static void print(PrintWriter out, DiagnosisAcrossHosts d, DiagnoseAcrossHosts.Opened source,
                      DiagnoseAcrossHosts.Opened target, dev.virtwire.host.SuggestedCommands fleet) {
        out.println(d.from() + " -> " + d.to() + ": " + d.reachable().map(r -> r ? "reachable" : "NOT reachable")
                .orElse("unknown (something that could block it was not checked)"));
        d.brokenHop().ifPresent(h -> out.println("broken hop: " + h.describe() + " [" + h.finding().orElse("problem")
                + "]"));
        out.println("path: " + d.path().stream().map(AcrossHostsText::hop).collect(Collectors.joining(" -> ")));
        out.println();
        out.println("between " + d.there().host() + " and " + d.back().host() + ":");
        d.segment().forEach(e -> out.println("  " + e));
        d.between().forEach(f -> FleetCommand.print(out, f, fleet));
        if (!d.unchecked().isEmpty()) {
            out.println("  not checked:");
            d.unchecked().forEach(u -> out.println("    - " + u));
        }
        half(out, "the way there", d.there(), source);
        half(out, "the way back (replies)", d.back(), target);
        out.flush();
    }

    private static void half(PrintWriter out, String what, DiagnosisAcrossHosts.HostDiagnosis half,
                             DiagnoseAcrossHosts.Opened opened) {
        out.println();
        out.println("== on " + half.host() + ", " + what + " ==");
        out.print(DiagnosisText.of(half.diagnosis(), FixPlans.of(opened.changes(), half.diagnosis()),
                opened.suggestions()));
    }

    private static String hop(FleetHop hop) {
        return hop.describe() + (hop.ok() ? "" : " [" + hop.finding().orElse("problem") + "]");
    }
}
