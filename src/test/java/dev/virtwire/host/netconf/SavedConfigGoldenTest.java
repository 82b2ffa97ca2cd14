package dev.virtwire.host.netconf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.Golden;
import dev.virtwire.host.kernel.LinkTable;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code netconf/} is a host's configuration files ({@code root/}), its managers' command
 * outputs ({@code commands/}) and its running links ({@code ip-d-addr.json}); {@code expected.json} holds the
 * links' manager, profile, saved and drift, the saved configuration read and the gaps, in the topology JSON's
 * shapes. The case's README says whether its inputs were captured from the real tool or written from its docs.
 */
class SavedConfigGoldenTest {

    static Stream<Path> cases() {
        return Golden.cases("netconf").stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsWhoOwnsEachLinkAndWhetherItRunsAsSaved(Path dir) {
        List<Link> running = LinkTable.links(Golden.read(dir.resolve("ip-d-addr.json")));
        var executor = Executors.newFixedThreadPool(4);
        try {
            SavedConfigReader.Reading reading = new SavedConfigReader(new RecordedCommands(dir), executor).read(running);
            HostSnapshot snapshot = Golden.emptySnapshot().withLinks(running).withSaved(reading.config());
            ObjectNode json = TopologyJson.toJson(snapshot);
            ObjectNode expected = Golden.mapper().createObjectNode();
            var links = expected.putArray("links");
            json.get("links").forEach(l -> links.addObject().put("name", l.get("name").asText())
                    .set("manager", l.get("manager")));
            for (int i = 0; i < links.size(); i++) {
                ObjectNode l = (ObjectNode) links.get(i);
                var from = json.get("links").get(i);
                l.set("profile", from.get("profile"));
                l.set("saved", from.get("saved"));
                l.set("drift", from.get("drift"));
            }
            expected.set("saved_config", json.get("saved_config"));
            reading.gaps().forEach(expected.putArray("gaps")::add);
            expected.withArray("gaps");
            Golden.assertMatches(dir.resolve("expected.json"), expected);
        } finally {
            executor.shutdownNow();
        }
    }
}
