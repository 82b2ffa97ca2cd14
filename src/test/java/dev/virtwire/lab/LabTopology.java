package dev.virtwire.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.util.stream.StreamSupport;

/** The lab host's topology JSON as {@code virtwire topology --json} prints it, and its links by name. */
final class LabTopology {
    private LabTopology() {
    }

    static JsonNode read(String uri) throws IOException {
        CliRun run = CliRun.of("topology", "--connect", uri, "--json");
        if (run.code() != 0) {
            throw new AssertionError("virtwire topology --connect " + uri + " exited " + run.code() + ": " + run.err());
        }
        return new ObjectMapper().readTree(run.out());
    }

    /** The link of that name, or a missing node when there is none. */
    static JsonNode link(JsonNode topology, String name) {
        return StreamSupport.stream(topology.path("links").spliterator(), false)
                .filter(l -> l.path("name").asText().equals(name)).findFirst()
                .orElse(MissingNode.getInstance());
    }
}
