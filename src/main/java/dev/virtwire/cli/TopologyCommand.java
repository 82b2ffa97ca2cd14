package dev.virtwire.cli;

import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.json.TopologyJson;
import dev.virtwire.model.topology.TopologyDot;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "topology", description = "Show how the host is wired: links, bridges, libvirt networks, guests "
        + "and their NICs.")
final class TopologyCommand implements Callable<Integer> {
    @ArgGroup
    Format format = new Format();

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
        HostSnapshot snapshot;
        HostOptions host = HostOptions.of(spec);
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
}
