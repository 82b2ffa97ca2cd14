package dev.virtwire.cli;

import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Host;
import dev.virtwire.host.Hosts;
import dev.virtwire.model.HostSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fix", description = {"Apply the troubleshooter's fix for one finding, after showing what it runs.",
    "Exit code 0 when applied (or shown with --dry-run), 1 when refused, failed or there is no one-click fix."})
final class FixCommand implements Callable<Integer> {
    /** Where a finding is looked for when --to is not given: most findings show towards the LAN. */
    private static final List<String> USUAL_TARGETS = List.of("lan", "internet", "host");

    @Mixin
    HostOptions host;

    @Parameters(index = "0", paramLabel = "GUEST", description = "The guest (libvirt domain name).")
    String guest;

    @Parameters(index = "1", paramLabel = "FINDING-ID", description = "The finding to fix, as `virtwire "
            + "diagnose` names it, e.g. tap-not-on-bridge.")
    String findingId;

    @Option(names = "--nic", paramLabel = "MAC", description = "Which NIC (default: the one diagnosed).")
    String nic;

    @Option(names = "--to", paramLabel = "TARGET", description = "The target the finding was reported for "
            + "(default: tried towards lan, internet, host).")
    String to;

    @Option(names = "--internet", paramLabel = "ADDRESS", defaultValue = Destination.DEFAULT_INTERNET,
            description = "The address that stands for the internet (default: ${DEFAULT-VALUE}).")
    String internet;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Only show what the fix would run.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Host opened = Hosts.open(host.address())) {
            Troubleshooter troubleshooter = Diagnoses.troubleshooter(host.address(), true);
            HostSnapshot before = opened.snapshot();
            Optional<Diagnosis> diagnosis = findFinding(troubleshooter, before);
            if (diagnosis.isEmpty()) {
                err.println("virtwire: " + guest + " has no finding '" + findingId + "' towards "
                        + (to == null ? String.join(", ", USUAL_TARGETS) : to) + "; run `virtwire diagnose " + guest
                        + " --to TARGET` to see its findings");
                return 1;
            }
            Finding finding = diagnosis.get().finding(findingId).orElseThrow();
            if (finding.fix().isEmpty()) {
                err.println("virtwire: there is no one-click fix for " + findingId + " (" + finding.title() + ")."
                        + (finding.steps().isEmpty() ? "" : " What you can do:"));
                finding.steps().forEach(s -> err.println("  - " + s));
                return 1;
            }
            Fix fix = finding.fix().get();
            out.println(finding.title());
            out.println("fix: " + fix.description());
            FixCommands.of(fix).forEach(c -> out.println("  $ " + c));
            out.flush();
            if (dryRun) {
                return 0;
            }
            if (!yes && !confirmed(out)) {
                err.println("virtwire: not applied");
                return 1;
            }
            FixApplier.apply(opened, fix);
            Diagnosis after = troubleshooter.diagnose(opened.snapshot(), guest, Optional.of(diagnosis.get().nic()),
                    Destination.parse(diagnosis.get().target(), internet));
            boolean gone = after.finding(findingId).isEmpty();
            out.println(gone ? "applied: " + findingId + " is gone" : "applied, but " + findingId + " is still reported");
            out.println(guest + " -> " + after.target() + ": " + after.reachable()
                    .map(r -> r ? "reachable" : "still NOT reachable (see virtwire diagnose)").orElse("unknown"));
            out.flush();
            return gone ? 0 : 1;
        }
    }

    private Optional<Diagnosis> findFinding(Troubleshooter troubleshooter, HostSnapshot snapshot) {
        List<String> targets = to == null ? USUAL_TARGETS : List.of(to);
        for (String target : targets) {
            Diagnosis d = troubleshooter.diagnose(snapshot, guest, Optional.ofNullable(nic),
                    Destination.parse(target, internet));
            if (d.finding(findingId).isPresent()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private boolean confirmed(PrintWriter out) {
        out.print("Apply? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
