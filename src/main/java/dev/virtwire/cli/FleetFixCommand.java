package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Plan;
import dev.virtwire.diagnose.fleet.FleetCatalog;
import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.Id;
import dev.virtwire.model.fleet.FleetHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleet fix FINDING-ID [--host HOST]}: a fleet finding's one-click fix, a change of one host: shown with its
 * commands, applied and verified there and kept in that host's own history ({@code virtwire undo} with its options
 * takes it back), then the fleet checked again to say whether the finding is gone.
 */
@Command(name = "fix", description = {"Apply the one-click fix of a finding between hosts (as `fleet check` names it) "
        + "on the one host it changes, after showing what it runs; undo it there with `virtwire undo` and that "
        + "host's options. A duplicate-mac fix gives one guest's NIC a new MAC: --host names the guest's host when "
        + "the other one should change.",
    "Exit code 0 when applied and the finding is gone (or shown with --dry-run), 1 when refused, failed, still "
        + "there or without a one-click fix."})
final class FleetFixCommand implements Callable<Integer>, ReadsSeveralHosts {
    @Spec
    CommandSpec spec;

    @Mixin
    ChangeOptions change;

    @Parameters(index = "0", paramLabel = "FINDING-ID", description = "The finding, e.g. rogue-dhcp.")
    String findingId;

    @Option(names = "--host", paramLabel = "NAME", description = "The host the fix changes (needed when the finding "
            + "is found with a fix on several hosts).")
    String host;

    @Option(names = "--mac", paramLabel = "MAC", converter = ArgumentSyntax.MacAddress.class, description = "Which "
            + "duplicate-mac finding: the MAC it is about (needed when there are several).")
    String mac;

    @Option(names = "--fleet", description = "The hosts of the fleet list (the default without --connect).")
    boolean fleet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Arrays.stream(FleetCatalog.values()).noneMatch(c -> c.id().equals(findingId))) {
            err.println("virtwire: '" + findingId + "' is not a finding between hosts; they are: " + String.join(", ",
                    Arrays.stream(FleetCatalog.values()).map(FleetCatalog::id).toList()));
            return ExitCode.FAILED;
        }
        if (change.script) {
            err.println("virtwire: --script writes the plan of a host named by --connect; show this one with "
                    + "--dry-run");
            return ExitCode.FAILED;
        }
        return ChangeSession.reporting(spec, () -> {
            Path stateDir = HostOptions.of(spec).stateDirOrDefault();
            List<FleetEntry> chosen = FleetHosts.chosen(spec, fleet);
            if (host != null && chosen.stream().noneMatch(e -> e.name().equals(host))) {
                throw new ChangeRefused("--host: there is no host '" + host + "' among the hosts read ("
                        + String.join(", ", chosen.stream().map(FleetEntry::name).toList()) + ")");
            }
            List<FleetHost> read = FleetHosts.read(chosen, stateDir);
            FleetHosts.sayDown(read, err);
            FleetFinding finding = chosen(check(chosen, read, stateDir));
            FleetFinding.HostFix fix = (host == null ? finding.fix() : finding.fixOn(host)).orElseThrow();
            try (OpenedFleet opened = new OpenedFleet(chosen, stateDir)) {
                Changes changes = opened.changes(fix.host());
                Plan plan = changes.plan(fix.fix().intent());
                out.println(finding.title());
                out.println("fix on " + fix.host() + ": " + fix.fix().description());
                ChangeSession.print(out, plan);
                if (change.dryRun) {
                    out.println("(dry run: nothing was changed)");
                    return ExitCode.DONE;
                }
                if (!change.yes && !ChangeSession.ask(spec, "Apply this on " + fix.host() + "?")) {
                    err.println("virtwire: not applied");
                    return ExitCode.FAILED;
                }
                HistoryEntry entry = changes.apply(plan);
                FleetEntry changed = chosen.stream().filter(e -> e.name().equals(fix.host())).findFirst().orElseThrow();
                out.println("Applied on " + fix.host() + ": " + entry.title() + " (undo: "
                        + SuggestedCommands.forHost(changed.address(), stateDir).line("undo") + ")");
                entry.note().ifPresent(n -> out.println("  ! " + n));
            }
            boolean gone = check(chosen, FleetHosts.read(chosen, stateDir), stateDir).stream()
                    .noneMatch(f -> same(f, finding));
            out.println(findingId + " on " + fix.host() + (gone ? " is gone" : " is still reported"));
            return gone ? ExitCode.DONE : ExitCode.FAILED;
        });
    }

    private static List<FleetFinding> check(List<FleetEntry> chosen, List<FleetHost> read, Path stateDir) {
        Map<String, SuggestedCommands> reach = chosen.stream().collect(Collectors.toMap(FleetEntry::name,
                e -> SuggestedCommands.forHost(e.address(), stateDir)));
        return FleetCheck.of(read, reach::get);
    }

    /**
     * The finding asked for (about --mac when given), with a fix (on --host when given, the one offered otherwise);
     * a refusal that says why there is none.
     */
    private FleetFinding chosen(List<FleetFinding> findings) {
        List<FleetFinding> withId = findings.stream().filter(f -> f.id().equals(findingId))
                .filter(f -> mac == null || f.places().stream().anyMatch(p -> p.node() instanceof Id.Nic n
                        && n.mac().equals(mac))).toList();
        if (withId.isEmpty()) {
            throw new ChangeRefused("there is no " + findingId + (mac == null ? "" : " about MAC " + mac)
                    + " between the hosts that were read (`virtwire fleet check` lists what there is)");
        }
        List<FleetFinding> fixable = withId.stream().filter(f -> (host == null ? f.fix() : f.fixOn(host)).isPresent())
                .toList();
        if (fixable.isEmpty()) {
            FleetFinding first = withId.get(0);
            throw new ChangeRefused("there is no one-click fix for " + findingId + (host == null ? "" : " on " + host)
                    + " (" + first.title() + "); what you can do: " + String.join("; ", first.steps()));
        }
        if (fixable.size() > 1) {
            List<String> hosts = fixable.stream().map(f -> (host == null ? f.fix() : f.fixOn(host)).get().host())
                    .distinct().toList();
            if (findingId.equals(FleetCatalog.DUPLICATE_MAC.id())) {
                throw new ChangeRefused(findingId + " is found " + fixable.size() + " times: say which with --mac MAC ("
                        + String.join(", ", fixable.stream().flatMap(f -> f.places().stream().limit(1))
                        .map(p -> ((Id.Nic) p.node()).mac()).toList()) + ")");
            }
            if (hosts.size() > 1) {
                throw new ChangeRefused(findingId + " has a fix on " + String.join(", ", hosts) + ": say which host "
                        + "with --host NAME");
            }
            throw new ChangeRefused(findingId + " is found " + fixable.size() + " times with a fix on " + hosts.get(0)
                    + ": fix them one by one from the window, or by hand (see `virtwire fleet check`)");
        }
        return fixable.get(0);
    }

    /** The same finding read again: its id, and the same first place (what it is about; the others may change). */
    private static boolean same(FleetFinding a, FleetFinding b) {
        return a.id().equals(b.id()) && a.places().stream().findFirst().equals(b.places().stream().findFirst());
    }
}
