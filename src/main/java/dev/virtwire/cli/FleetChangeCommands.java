package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.fleet.FleetChange;
import dev.virtwire.change.fleet.FleetHistory;
import dev.virtwire.change.fleet.FleetHistoryEntry;
import dev.virtwire.host.fleet.FleetEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Changes across the hosts of the fleet list, each one undoable as a whole: {@code fleet network-create},
 * {@code fleet undo}, {@code fleet history}. The fleet's history is kept in the state dir.
 */
final class FleetChangeCommands {
    private FleetChangeCommands() {
    }

    /** The hosts named by --connect (or --demo), else the fleet list's, as for {@code fleet check}. */
    private static List<FleetEntry> fleet(CommandSpec spec) {
        return FleetHosts.chosen(spec, false);
    }

    private static FleetHistory history(CommandSpec spec) {
        return new FleetHistory(HostOptions.of(spec).stateDirOrDefault());
    }

    private static void print(PrintWriter out, List<FleetChange.Part> parts) {
        for (FleetChange.Part part : parts) {
            out.println("on " + part.host() + ":");
            part.plan().commands().forEach(c -> out.println("  " + c));
        }
    }

    /** Runs parts after showing them: stops there for --dry-run, asks unless --yes. */
    private static boolean confirmed(CommandSpec spec, ChangeOptions options, String title,
                                     List<FleetChange.Part> parts) {
        PrintWriter out = spec.commandLine().getOut();
        if (options.script) {
            throw new ChangeRefused("--script writes one host's plan: a change across hosts has one per host (see "
                    + "--dry-run)");
        }
        out.println(title);
        print(out, parts);
        if (options.dryRun) {
            out.println("(dry run: nothing was changed)");
            return false;
        }
        if (!options.yes && !ChangeSession.ask(spec, "Apply this on " + parts.size() + " hosts?")) {
            throw new ChangeRefused("not applied");
        }
        return true;
    }

    @Command(name = "network-create", description = {"Make a libvirt network exist on several hosts of the fleet "
            + "list (define and start it), host by host, as one change: a host that fails has the hosts before it "
            + "undone again; `fleet undo` takes it back on every host.",
        "e.g. fleet network-create lan2 --mode nat --address kvm1=192.168.60.1/24 --address kvm2=192.168.61.1/24",
        "The hosts are the fleet list's, or those named by --connect (more than once) or --demo."})
    static final class NetworkCreate implements Callable<Integer>, ReadsSeveralHosts {
        @Spec
        CommandSpec spec;
        @Mixin
        ChangeOptions change;
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;
        @Option(names = "--mode", required = true, paramLabel = "MODE", converter = ArgumentSyntax.NetworkModeWord.class,
                description = "nat, route, open, isolated, bridge (over --bridge, or macvtap over --device), private, "
                        + "vepa, passthrough")
        String mode;
        @Option(names = "--address", paramLabel = "[HOST=]CIDR", description = "The host's address on it; "
                + "HOST=CIDR for one host (given once per host), CIDR for every host without its own.")
        List<String> addresses = new ArrayList<>();
        @Option(names = "--dhcp", paramLabel = "[HOST=]FIRST-LAST", description = "DHCP range, per host as --address.")
        List<String> dhcp = new ArrayList<>();
        @Option(names = "--bridge", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
        String bridge;
        @Option(names = "--device", paramLabel = "NIC", converter = ArgumentSyntax.Link.class)
        String device;
        @Option(names = "--hosts", paramLabel = "NAME", split = ",", description = "The hosts, in the order they "
                + "are changed (default: every host of the fleet list, in its order).")
        List<String> hosts = new ArrayList<>();

        @Override
        public Integer call() {
            return ChangeSession.reporting(spec, () -> {
                List<FleetEntry> fleet = fleet(spec);
                List<String> names = hosts.isEmpty() ? fleet.stream().map(FleetEntry::name).toList() : hosts;
                Map<String, String> address = perHost("--address", addresses, names, new ArgumentSyntax.Cidr());
                Map<String, String> ranges = perHost("--dhcp", dhcp, names, new ArgumentSyntax.AddressRange());
                String title = "Create network " + name + " on " + String.join(", ", names);
                try (OpenedFleet opened = new OpenedFleet(fleet, HostOptions.of(spec).stateDirOrDefault())) {
                    List<FleetChange.Part> parts = new ArrayList<>();
                    for (String host : names) {
                        var changes = opened.changes(host);
                        parts.add(new FleetChange.Part(host, changes, changes.plan(NetworkCommand.create(name, mode,
                                Optional.ofNullable(bridge), Optional.ofNullable(address.get(host)),
                                Optional.ofNullable(ranges.get(host)), Optional.ofNullable(device)))));
                    }
                    if (!confirmed(spec, change, title, parts)) {
                        return ExitCode.DONE;
                    }
                    FleetHistoryEntry entry = FleetChange.apply(title, parts, history(spec));
                    spec.commandLine().getOut().println("Applied: " + entry.title() + " (undo on every host: "
                            + "virtwire fleet undo)");
                    return ExitCode.DONE;
                }
            });
        }

        /** HOST=VALUE for one host, VALUE for the others; a host named twice, or not in the change, is refused. */
        private Map<String, String> perHost(String option, List<String> given, List<String> names,
                                            CommandLine.ITypeConverter<String> syntax) {
            Map<String, String> out = new LinkedHashMap<>();
            Optional<String> everyHost = Optional.empty();
            for (String value : given) {
                int eq = value.indexOf('=');
                String host = eq > 0 ? value.substring(0, eq) : null;
                String text = eq > 0 ? value.substring(eq + 1) : value;
                try {
                    syntax.convert(text);
                } catch (Exception e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), option + " " + value + ": "
                            + e.getMessage());
                }
                if (host == null) {
                    if (everyHost.isPresent()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), option + " is given twice "
                                + "for every host: give HOST=VALUE for hosts that differ");
                    }
                    everyHost = Optional.of(text);
                } else if (!names.contains(host)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), option + " " + value + ": " + host
                            + " is not one of the hosts changed (" + String.join(", ", names) + ")");
                } else if (out.put(host, text) != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), option + " names " + host
                            + " twice");
                }
            }
            for (String host : names) {
                everyHost.ifPresent(v -> out.putIfAbsent(host, v));
            }
            return out;
        }
    }

    @Command(name = "undo", description = "Take back the newest change made across hosts, on every host it touched "
            + "(newest first). Every host is checked first: one changed since by something else is refused.")
    static final class Undo implements Callable<Integer>, ReadsSeveralHosts {
        @Spec
        CommandSpec spec;
        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() {
            return ChangeSession.reporting(spec, () -> {
                List<FleetEntry> fleet = fleet(spec);
                FleetHistory history = history(spec);
                try (OpenedFleet opened = new OpenedFleet(fleet, HostOptions.of(spec).stateDirOrDefault())) {
                    List<FleetChange.Part> parts = FleetChange.undoPlan(history, opened::changes);
                    String title = "Undo: " + history.newestApplied().orElseThrow().title();
                    if (!confirmed(spec, change, title, parts)) {
                        return ExitCode.DONE;
                    }
                    FleetHistoryEntry undone = FleetChange.undo(history, opened::changes);
                    spec.commandLine().getOut().println("Undone: " + undone.title());
                    return ExitCode.DONE;
                }
            });
        }
    }

    @Command(name = "history", description = "The changes made across hosts, oldest first, each with its part on "
            + "every host.")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "As JSON: the history file's {\"entries\": [{\"id\", \"title\", "
                + "\"when\", \"status\", \"steps\": [{\"host\", \"entry\", \"commands\"}], \"note\"}]}.")
        boolean json;

        @Override
        public Integer call() throws java.io.IOException {
            FleetHistory history = history(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(java.nio.file.Files.exists(history.file()) ? java.nio.file.Files.readString(history.file())
                        .strip() : "{\"entries\": []}");
            } else {
                if (history.entries().isEmpty()) {
                    out.println("No change across hosts yet.");
                }
                for (FleetHistoryEntry e : history.entries()) {
                    out.println(e.when() + "  " + e.status().json() + "  " + e.title()
                            + e.note().map(n -> " (" + n + ")").orElse(""));
                    e.steps().forEach(s -> out.println("    " + s.host() + ": " + String.join("; ", s.commands())));
                }
            }
            out.flush();
            return ExitCode.DONE;
        }
    }
}
