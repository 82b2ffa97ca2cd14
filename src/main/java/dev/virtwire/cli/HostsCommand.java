package dev.virtwire.cli;

import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "hosts", synopsisSubcommandLabel = "COMMAND", description = {"The fleet list: the hosts "
        + "`topology --fleet` and `fleet check` read, kept in CONFIG_DIR/hosts.json."},
        subcommands = {HostsCommand.Add.class, HostsCommand.Remove.class, HostsCommand.ListHosts.class})
final class HostsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, remove or list");
    }

    /** A host's name in the fleet, checked while the command line is read. */
    static final class HostName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return FleetEntry.requireName(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static FleetList list(CommandSpec spec) {
        return new FleetList(HostOptions.of(spec).configDirOrDefault());
    }

    @Command(name = "add", description = {"Add a host to the fleet, reached as the host options say: "
            + "--connect URI (default qemu:///system), with --netns NS or --ssh HOST where its kernel is elsewhere.",
            "The host is not contacted: a host that is down can be listed."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", converter = HostName.class, description = "How the host is "
                + "named in the fleet, e.g. kvm1.")
        String name;

        @Override
        public Integer call() {
            HostOptions host = HostOptions.of(spec);
            FleetEntry entry = new FleetEntry(name, host.address());
            list(spec).add(entry);
            spec.commandLine().getOut().println("Added " + name + ": " + entry.address().describe());
            return ExitCode.DONE;
        }
    }

    @Command(name = "remove", description = "Take a host off the fleet list (nothing on the host changes).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", converter = HostName.class, description = "The host's name "
                + "in the fleet.")
        String name;

        @Override
        public Integer call() {
            FleetEntry gone = list(spec).remove(name);
            spec.commandLine().getOut().println("Removed " + name + ": " + gone.address().describe());
            return ExitCode.DONE;
        }
    }

    @Command(name = "list", description = "The hosts of the fleet, in the order they were added.")
    static final class ListHosts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "As JSON: {\"hosts\": [{\"name\", \"uri\", \"netns\", \"ssh\"}]}.")
        boolean json;

        @Override
        public Integer call() {
            FleetList fleet = list(spec);
            List<FleetEntry> hosts = fleet.hosts();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(FleetList.toJson(hosts).toPrettyString());
            } else if (hosts.isEmpty()) {
                // the file named: a mistyped --config-dir must not look like an empty fleet
                out.println("The fleet has no hosts yet: " + fleet.file() + (Files.exists(fleet.file()) ? " lists none"
                        : " does not exist") + " (virtwire hosts add NAME --connect URI).");
            } else {
                hosts.forEach(h -> out.println(h.name() + "  " + h.address().describe()));
            }
            return ExitCode.DONE;
        }
    }
}
