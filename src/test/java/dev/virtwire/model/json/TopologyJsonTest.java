package dev.virtwire.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FullNetworks;
import dev.virtwire.model.HostSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The topology JSON is a public contract: these keys never change meaning. */
class TopologyJsonTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final JsonNode json = TopologyJson.toJson(demo);

    @Test
    void hasTheContractsKeysAtEveryLevel() {
        assertKeys(json, "host", "links", "networks", "guests", "graph");
        assertKeys(json.get("host"), "name", "uri");
        assertKeys(json.get("links").get(0), "name", "kind", "mac", "mtu", "state", "master", "addresses");
        assertKeys(json.get("networks").get(0), "name", "uuid", "active", "autostart", "forward", "bridge",
                "devices", "ips", "mtu", "bandwidth", "portgroups");
        assertKeys(json.get("networks").get(0).get("ips").get(0), "address", "dhcp");
        assertKeys(json.get("networks").get(0).get("ips").get(0).get("dhcp"), "ranges", "hosts");
        assertKeys(json.get("guests").get(0), "name", "uuid", "state", "nics");
        assertKeys(json.get("guests").get(0).get("nics").get(0), "mac", "model", "type", "source", "mode",
                "target", "link", "vlans", "addresses");
        assertKeys(json.get("guests").get(0).get("nics").get(0).get("addresses").get(0), "ip", "origin");
        assertKeys(json.get("graph").get("nodes").get(0), "id", "kind", "label");
        assertKeys(json.get("graph").get("edges").get(0), "from", "to", "kind");
    }

    @Test
    void unknownValuesAreNullAndAbsentListsEmpty() {
        JsonNode build = guest("build").get("nics").get(0);
        assertTrue(build.get("target").isNull(), "a shut-off guest has no tap");
        assertEquals(0, build.get("addresses").size());
        assertTrue(network("host-bridge").get("ips").isArray());
        assertEquals(0, network("host-bridge").get("ips").size());
    }

    @Test
    void valuesUseTheContractsSpelling() {
        assertEquals("nat", network("default").get("forward").asText());
        assertEquals("down", guest("test-lab").get("nics").get(0).get("link").asText());
        assertEquals("shutoff", guest("build").get("state").asText());
        assertEquals("192.168.122.2", network("default").at("/ips/0/dhcp/ranges/0/0").asText());
    }

    @Test
    void readingWhatWasWrittenGivesTheSameSnapshot() throws Exception {
        String text = TopologyJson.toText(demo);
        HostSnapshot again = SnapshotJsonReader.read(text);
        assertEquals(demo.withTakenAt(again.takenAt()), again);
        assertEquals(new ObjectMapper().readTree(text), TopologyJson.toJson(again));
    }

    @Test
    void linksSayWhoOwnsThemAndWhetherTheyRunAsSaved() {
        JsonNode eth0 = find(json.get("links"), "eth0");
        assertKeys(eth0, "manager", "profile", "saved", "drift");
        assertEquals("NetworkManager", eth0.get("manager").asText());
        assertEquals("Wired connection 1", eth0.get("profile").asText());
        assertTrue(eth0.get("saved").asBoolean());
        JsonNode virbr0 = find(json.get("links"), "virbr0");
        assertEquals("none", virbr0.get("manager").asText());
        assertTrue(virbr0.get("profile").isNull());
        assertKeys(json.get("saved_config"), "managers", "links");
        assertKeys(json.at("/saved_config/links/0"), "name", "manager", "profile", "at_boot", "active", "master",
                "dhcp", "addresses", "mtu", "vlan", "parent");
    }

    @Test
    void withoutASavedConfigurationEveryOwnerIsNull() {
        JsonNode unread = TopologyJson.toJson(demo.withSaved(dev.virtwire.model.SavedConfig.unknown()));
        assertTrue(unread.get("saved_config").isNull());
        assertTrue(find(unread.get("links"), "eth0").get("manager").isNull());
        assertTrue(find(unread.get("links"), "eth0").get("saved").isNull());
    }

    @Test
    void mtuBandwidthAndPortgroupsSurviveTheRoundTrip() {
        HostSnapshot full = demo.updateNetwork("default", FullNetworks::withEverything);
        JsonNode written = TopologyJson.toJson(full);
        JsonNode network = find(written.get("networks"), "default");
        assertEquals(9000, network.get("mtu").asInt());
        assertEquals(200, network.at("/bandwidth/inbound/floor").asInt());
        assertTrue(network.at("/bandwidth/outbound").isNull());
        assertEquals(42, network.at("/portgroups/1/vlans/0").asInt());
        assertTrue(network.at("/portgroups/0/default").asBoolean());
        HostSnapshot again = SnapshotJsonReader.read(written);
        assertEquals(full.withTakenAt(again.takenAt()), again);
    }

    @Test
    void networksWithoutThemSayNullAndEmpty() {
        JsonNode network = network("default");
        assertTrue(network.get("mtu").isNull());
        assertTrue(network.get("bandwidth").isNull());
        assertEquals(0, network.get("portgroups").size());
    }

    private JsonNode guest(String name) {
        return find(json.get("guests"), name);
    }

    private JsonNode network(String name) {
        return find(json.get("networks"), name);
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    private static void assertKeys(JsonNode node, String... keys) {
        Set<String> present = new HashSet<>();
        node.fieldNames().forEachRemaining(present::add);
        assertTrue(present.containsAll(List.of(keys)), "expected " + List.of(keys) + " in " + present);
    }
}
