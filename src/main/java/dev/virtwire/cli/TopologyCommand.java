package dev.virtwire.cli;

import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.json.TopologyJson;
import dev.virtwire.model.topology.TopologyDot;
import java.io.IOException;
import java.io.PrintWriter;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.SharedSegment;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "topology", description = "Show how the host is wired: links, bridges, libvirt networks, guests "
        + "and their NICs.")
final class TopologyCommand implements Callable<Integer>, ReadsSeveralHosts {
    @ArgGroup
    Format format = new Format();

    @Option(names = "--fleet", description = "Every host of the fleet list (virtwire hosts), read at once; as do "
            + "several --connect. Shows each host's topology and the LAN segments they share.")
    boolean fleet;

    @Spec
    CommandSpec spec;

    static final class Format {
        @Option(names = "--json", description = "The topology JSON (a stable contract for scripts).")
        boolean json;

        @Option(names = "--dot", description = "The graph in Graphviz dot format.")
        boolean dot;
    }

    @Override
    public Integer call() throws IOException {
        HostOptions host = HostOptions.of(spec);
        if (fleet || host.uris.size() > 1) {
            return fleet(host);
        }
        HostSnapshot snapshot;
        try (Host opened = host.open()) {
            snapshot = opened.snapshot();
        }
        // the default routes are kept (a small file) on another thread while the output is made
        CompletableFuture<Void> remembered = CompletableFuture.runAsync(() -> host.routeMemory().remember(snapshot));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            TopologyJson.write(snapshot, out);
        } else if (format.dot) {
            out.print(TopologyDot.of(snapshot));
        } else {
            out.print(TopologySummary.of(snapshot));
        }
        out.flush();
        remembered.join();
        // one line per gap: reads of the same tool (links, addresses, routes) fail alike
        snapshot.gaps().stream().distinct().forEach(gap -> spec.commandLine().getErr().println("virtwire: not read: "
                + gap));
        return 0;
    }

    private int fleet(HostOptions host) {
        if (format.dot) {
            throw new ParameterException(spec.commandLine(), "--dot draws one host: give one --connect, or use "
                    + "--json for the fleet");
        }
        List<FleetHost> read = FleetHosts.read(FleetHosts.chosen(spec, fleet), host.stateDirOrDefault());
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            out.println(FleetJson.topology(read));
        } else {
            for (FleetHost one : read) {
                out.println("== " + one.name() + " (" + one.uri() + ")");
                out.print(one instanceof FleetHost.Up up ? TopologySummary.of(up.snapshot())
                        : "down: " + ((FleetHost.Down) one).reason() + System.lineSeparator());
            }
            for (SharedSegment shared : SharedSegment.of(read)) {
                out.println("Shared LAN " + shared.segment().describe() + ": " + shared.hosts().stream()
                        .map(m -> m.host() + " (" + m.link() + " " + m.address() + ")").collect(Collectors.joining(", ")));
            }
        }
        out.flush();
        FleetHosts.sayDown(read, spec.commandLine().getErr());
        return read.stream().allMatch(FleetHost.Up.class::isInstance) ? ExitCode.DONE : ExitCode.FAILED;
    }
}
