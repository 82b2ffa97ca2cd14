package dev.virtwire.cli;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Plan;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.FixOutcome;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fix", description = {"Apply the troubleshooter's fix for one finding as an undoable change, after "
        + "showing what it runs.",
    "Exit code 0 when applied (or shown with --dry-run), 1 when refused, failed or there is no one-click fix."})
final class FixCommand implements Callable<Integer> {
    /** Where a finding is looked for when --to is not given: most findings show towards the LAN. */
    private static final List<String> USUAL_TARGETS = List.of("lan", "internet", "host");
    private static final int PROBE_ROUNDS = 3;
    private static final long PROBE_PAUSE_MS = 1000;

    @Parameters(index = "0", paramLabel = "GUEST",
            converter = ArgumentSyntax.Libvirt.class, description = "The guest (libvirt domain name).")
    String guest;

    @Parameters(index = "1", paramLabel = "FINDING-ID", description = "The finding to fix, as `virtwire "
            + "diagnose` names it, e.g. tap-not-on-bridge.")
    String findingId;

    @Option(names = "--nic", paramLabel = "MAC",
            converter = ArgumentSyntax.MacAddress.class, description = "Which NIC (default: the one diagnosed).")
    String nic;

    @Option(names = "--to", paramLabel = "TARGET",
            converter = ArgumentSyntax.Target.class, description = "The target the finding was reported for "
            + "(default: tried towards lan, internet, host).")
    String to;

    @Option(names = "--internet", paramLabel = "ADDRESS", defaultValue = Destination.DEFAULT_INTERNET,
            description = "The address that stands for the internet (default: ${DEFAULT-VALUE}).")
    String internet;

    @Mixin
    ChangeOptions change;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Catalog.byId(findingId).isEmpty()) {
            // a typo is said as such, not as a finding the guest happens not to have
            err.println("virtwire: '" + findingId + "' is not a finding of the troubleshooter; its findings: "
                    + String.join(", ", Arrays.stream(Catalog.values()).map(Catalog::id).toList()));
            return 1;
        }
        HostOptions host = HostOptions.of(spec);
        try (Host opened = host.openForGuests(); Changes changes = host.changes(opened)) {
            Set<String> guests = Diagnoses.guestsRead(guest, targets().stream()
                    .map(t -> Destination.parse(t, internet)).toList());
            HostSnapshot before = changes.readGuests(guests);
            Troubleshooter troubleshooter = Diagnoses.troubleshooter(host, true, before).readingGuests(guests);
            // the first look runs only the rules that make this finding: the probes of the others take seconds
            Troubleshooter looking = troubleshooter.lookingFor(Catalog.byId(findingId).orElseThrow());
            Look look = findFinding(looking, before);
            if (look.found().isEmpty() && before.guests().size() == guests.size()) {
                // a finding that compares with a shut-off guest (a duplicate MAC) shows only on a read of every guest
                look = findFinding(looking, opened.snapshot());
            }
            Optional<Diagnosis> diagnosis = look.found();
            if (diagnosis.isEmpty()) {
                err.println("virtwire: " + guest + " has no finding '" + findingId + "' towards "
                        + (to == null ? String.join(", ", USUAL_TARGETS) : to) + "; run `"
                        + host.suggest("diagnose", guest, "--to", to == null ? "TARGET" : to)
                        + "` to see its findings");
                // a check that could not run (a probe's tool missing) did not find it either: said, not hidden
                look.unchecked().forEach(u -> err.println("  not checked: " + u));
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
            Plan plan = changes.plan(fix.intent());
            if (change.script) {
                out.print(PlanScript.of(plan, host));
                out.flush();
                return ExitCode.DONE;
            }
            out.println(finding.title());
            out.println("fix: " + plan.title());
            // each step in words before its commands: what it changes where, and what does not outlive a reboot
            plan.operations().forEach(o -> out.println("  - " + o.describe()));
            plan.commands().forEach(c -> out.println("  " + PromptedLines.prompted(c)));
            if (plan.risky()) {
                out.println("  (this touches the link that carries the host's own default route)");
            }
            if (plan.needsConfirmation()) {
                out.println(ChangeSession.UNDER_TIMER);
            }
            out.flush();
            if (change.dryRun) {
                return ExitCode.DONE;
            }
            if (!change.yes && !ChangeSession.ask(spec, "Apply?")) {
                err.println("virtwire: not applied");
                return 1;
            }
            HistoryEntry entry = changes.apply(plan);
            out.println("applied: " + entry.title() + " (" + entry.status().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + "; it can be undone from the history)");
            ChangeSession.sayConfirmBy(spec, changes);
            Diagnosis after = troubleshooter.diagnose(changes.readGuests(guests), guest, Optional.of(diagnosis.get().nic()),
                    Destination.parse(diagnosis.get().target(), internet));
            FixOutcome outcome = FixOutcome.of(after, findingId);
            out.println(outcome.gone() ? findingId + " is gone" : findingId + " is still reported");
            out.println(guest + " -> " + after.target() + ": " + after.reachable()
                    .map(r -> r ? "reachable" : "still NOT reachable").orElse("unknown"));
            outcome.left().ifPresent(next -> out.println("next: "
                    + next.id() + ": " + next.title() + (next.fix().isPresent() ? " (" + host.suggest("fix", guest,
                    next.id(), "--to", after.target()) + ")" : " (see " + host.suggest("diagnose", guest, "--to",
                    after.target()) + ")")));
            out.flush();
            return outcome.gone() ? 0 : 1;
        } catch (ChangeRefused e) {
            err.println("virtwire: refused: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (ChangeFailed e) {
            err.println("virtwire: " + e.getMessage());
            return e.hostUnchanged() ? ExitCode.FAILED : ExitCode.PARTLY_CHANGED;
        }
    }

    private List<String> targets() {
        return to == null ? USUAL_TARGETS : List.of(to);
    }

    /** The diagnosis that holds the finding, if one did; what the looks could not check. */
    private record Look(Optional<Diagnosis> found, Set<String> unchecked) {
    }

    /**
     * Findings that rest on probes come and go with the traffic (a bridge places a MAC where it last saw
     * it), so a finding the user saw a moment ago is looked for a few times before it counts as gone.
     */
    private Look findFinding(Troubleshooter troubleshooter, HostSnapshot snapshot) {
        List<String> targets = targets();
        Set<String> unchecked = new java.util.LinkedHashSet<>();
        int rounds = HostOptions.of(spec).address().isDemo() ? 1 : PROBE_ROUNDS;
        for (int round = 0; round < rounds; round++) {
            for (String target : targets) {
                Diagnosis d = troubleshooter.diagnose(snapshot, guest, Optional.ofNullable(nic),
                        Destination.parse(target, internet));
                if (d.finding(findingId).isPresent()) {
                    return new Look(Optional.of(d), Set.of());
                }
                unchecked.addAll(d.unchecked());
            }
            if (round + 1 < rounds) {
                pause();
            }
        }
        return new Look(Optional.empty(), unchecked);
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
