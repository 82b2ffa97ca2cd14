package dev.virtwire.cli;

import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.fleet.FleetHost;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fleet", synopsisSubcommandLabel = "COMMAND", description = {"Look over several hosts at once: "
        + "those of the fleet list (virtwire hosts), or those named by --connect (more than once)."},
        subcommands = {FleetCommand.Check.class, FleetFixCommand.class, FleetChangeCommands.NetworkCreate.class,
            FleetChangeCommands.Undo.class, FleetChangeCommands.History.class})
final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: check, fix, network-create, "
                + "undo or history");
    }

    @Command(name = "check", description = {"Find what is wrong between hosts: the same MAC or LAN address on "
            + "several hosts (duplicate-mac, duplicate-ip), a libvirt network's DHCP bridged onto a LAN where "
            + "another DHCP server answers (rogue-dhcp).", "Every host is read at once; a host that is down is "
            + "named with its reason and the others are checked (exit code 1)."})
    static final class Check implements Callable<Integer>, ReadsSeveralHosts {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "As JSON: {\"hosts\", \"findings\"}.")
        boolean json;

        @Option(names = "--fleet", description = "The hosts of the fleet list (the default without --connect).")
        boolean fleet;

        @Override
        public Integer call() {
            HostOptions host = HostOptions.of(spec);
            List<FleetEntry> chosen = FleetHosts.chosen(spec, fleet);
            List<FleetHost> read = FleetHosts.read(chosen, host.stateDirOrDefault());
            Map<String, SuggestedCommands> reach = chosen.stream().collect(Collectors.toMap(FleetEntry::name,
                    e -> SuggestedCommands.forHost(e.address(), host.stateDirOrDefault())));
            List<FleetFinding> findings = FleetCheck.of(read, reach::get);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                FixesPlanned plans = new FixesPlanned(chosen, host.stateDirOrDefault(), findings);
                out.println(FleetJson.check(read, findings, plans::preview));
            } else {
                read.forEach(h -> out.println(h.name() + ": " + (h instanceof FleetHost.Down d ? "down: " + d.reason()
                        : "read")));
                if (findings.isEmpty()) {
                    out.println("No problems between the hosts that were read.");
                }
                findings.forEach(f -> print(out, f, host.suggestions()));
            }
            out.flush();
            FleetHosts.sayDown(read, spec.commandLine().getErr());
            return read.stream().allMatch(FleetHost.Up.class::isInstance) ? ExitCode.DONE : ExitCode.FAILED;
        }
    }

    /**
     * A finding between hosts for people: severity, id and title, its evidence, what to do; its fix as the command
     * that makes it, with the options that named the fleet (repeated --connect, --netns, --state-dir...): pasted, it
     * reads the same hosts.
     */
    static void print(PrintWriter out, FleetFinding f, SuggestedCommands fleet) {
        out.println();
        out.println(f.severity().json().toUpperCase(java.util.Locale.ROOT) + " " + f.id() + ": " + f.title());
        f.evidence().forEach(e -> out.println("    " + e));
        f.steps().forEach(s -> out.println("  what to do: " + s));
        for (int i = 0; i < f.fixes().size(); i++) {
            FleetFinding.HostFix x = f.fixes().get(i);
            out.println("  " + (i == 0 ? "" : "or ") + "fix on " + x.host() + ": " + x.fix().description() + " ("
                    + fleet.line(fixArguments(f, x.host())) + ")");
        }
    }

    /** {@code fleet fix ID --host HOST}, and the MAC of a duplicate-mac finding (there are often several). */
    private static String[] fixArguments(FleetFinding f, String host) {
        List<String> args = new java.util.ArrayList<>(List.of("fleet", "fix", f.id(), "--host", host));
        if (f.id().equals(dev.virtwire.diagnose.fleet.FleetCatalog.DUPLICATE_MAC.id())) {
            f.places().stream().findFirst().filter(p -> p.node() instanceof dev.virtwire.model.Id.Nic)
                    .ifPresent(p -> args.addAll(List.of("--mac", ((dev.virtwire.model.Id.Nic) p.node()).mac())));
        }
        return args.toArray(String[]::new);
    }

    /**
     * What each fix runs, planned on its host as it is now: each host with a fix opened once, all of them at once
     * (a fleet check waits for its slowest host, not for their sum); a host that cannot be opened, or a plan
     * refused, gives its reason instead of commands.
     */
    static final class FixesPlanned {
        private final Map<FleetFinding.HostFix, FixPlans.Preview> previews = new java.util.IdentityHashMap<>();

        FixesPlanned(List<FleetEntry> fleet, java.nio.file.Path stateDir, List<FleetFinding> findings) {
            Map<String, List<FleetFinding.HostFix>> byHost = findings.stream().flatMap(f -> f.fix().stream())
                    .collect(Collectors.groupingBy(FleetFinding.HostFix::host, java.util.LinkedHashMap::new,
                            Collectors.toList()));
            List<java.util.concurrent.CompletableFuture<Map<FleetFinding.HostFix, FixPlans.Preview>>> planned =
                    byHost.values().stream().map(fixes -> java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> plan(fleet, stateDir, fixes), dev.virtwire.host.exec.Background.threads(
                                    "virtwire-fleet-plan"))).toList();
            planned.forEach(p -> previews.putAll(dev.virtwire.host.exec.Background.joined(p)));
        }

        /** One host's fixes, planned there. */
        private static Map<FleetFinding.HostFix, FixPlans.Preview> plan(List<FleetEntry> fleet,
                java.nio.file.Path stateDir, List<FleetFinding.HostFix> fixes) {
            Map<FleetFinding.HostFix, FixPlans.Preview> out = new java.util.IdentityHashMap<>();
            try (OpenedFleet opened = new OpenedFleet(fleet, stateDir)) {
                for (FleetFinding.HostFix fix : fixes) {
                    try {
                        out.put(fix, new FixPlans.Preview(opened.changes(fix.host()).plan(fix.fix().intent())
                                .commands(), java.util.Optional.empty()));
                    } catch (dev.virtwire.change.ChangeRefused | dev.virtwire.host.HostException
                             | IllegalStateException e) {
                        out.put(fix, new FixPlans.Preview(List.of(), java.util.Optional.of(
                                String.valueOf(e.getMessage()))));
                    }
                }
            }
            return out;
        }

        FixPlans.Preview preview(FleetFinding.HostFix fix) {
            return previews.getOrDefault(fix, new FixPlans.Preview(List.of(), java.util.Optional.empty()));
        }
    }
}
