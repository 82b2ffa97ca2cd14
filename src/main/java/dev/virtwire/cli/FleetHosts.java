package dev.virtwire.cli;

import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.host.fleet.FleetReads;
import dev.virtwire.model.fleet.FleetHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Which hosts a fleet command reads (the --connect options, else the fleet list), read all at once. */
final class FleetHosts {
    /** How long one host may take to answer and be read before it is reported down. */
    static final Duration READ_LIMIT = Duration.ofSeconds(90);

    private FleetHosts() {
    }

    /** The hosts named by --connect (and --demo), or (with --fleet, or without them) the fleet list's. */
    static List<FleetEntry> chosen(CommandSpec spec, boolean fleetList) {
        HostOptions host = HostOptions.of(spec);
        if (fleetList && !host.uris.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--fleet and --connect both say which hosts to read: "
                    + "give one of them");
        }
        if (fleetList && (host.demo || host.netns != null || host.ssh != null)) {
            throw new ParameterException(spec.commandLine(), "--fleet reads the hosts of the fleet list, each as it "
                    + "was added: " + (host.demo ? "--demo" : host.netns != null ? "--netns" : "--ssh")
                    + " does not go with it");
        }
        List<String> twice = host.uris.stream().filter(u -> java.util.Collections.frequency(host.uris, u) > 1)
                .distinct().toList();
        if (!twice.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", twice) + " is given more than once "
                    + "with --connect: name each host once");
        }
        if (!host.uris.isEmpty() || host.demo) {
            return host.connected();
        }
        FleetList list = new FleetList(host.configDirOrDefault());
        List<FleetEntry> hosts = list.hosts();
        if (hosts.isEmpty()) {
            throw new IllegalStateException("the fleet list " + list.file() + " has no hosts: add them with "
                    + "virtwire hosts add NAME --connect URI (or name hosts with --connect, more than once)");
        }
        return hosts;
    }

    /** One line on stderr per host that is down, with its reason (the output says it too). */
    static void sayDown(List<FleetHost> fleet, java.io.PrintWriter err) {
        fleet.stream().filter(FleetHost.Down.class::isInstance).map(FleetHost.Down.class::cast)
                .forEach(d -> err.println("virtwire: " + d.name() + " is down: " + d.reason()));
        err.flush();
    }

    /** Every host read at once; those down carry their reason. */
    static List<FleetHost> read(List<FleetEntry> hosts, Path stateDir) {
        return new FleetReads(address -> HostOptions.open(address, stateDir), READ_LIMIT).read(hosts);
    }
}
