package dev.virtwire.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpLease;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A network's {@code leases} read back from topology JSON (the demo host's saved state): each entry is checked where
 * it enters, and a refusal names the network and what a lease allows; a file written before leases has none.
 */
class LeasesJsonTest {
    @Test
    void aLeaseReadsBackAsWritten() {
        DhcpLease lease = new DhcpLease("52:54:00:AA:BB:01", "192.168.122.50/24",
                Optional.of(Instant.parse("2026-12-06T22:10:00Z")), Optional.of("laptop"));
        String text = TopologyJson.toText(SimulatedHost.demo().snapshot().updateNetwork("default",
                n -> n.withLeases(List.of(lease))));
        assertEquals(List.of(lease), SnapshotJsonReader.read(text).network("default").orElseThrow().leases());
    }

    @Test
    void leasesAbsentOrNullAreNone() {
        assertEquals(List.of(), readWith(null).network("default").orElseThrow().leases());
        ObjectNode root = demo();
        ((ObjectNode) root.path("networks").get(0)).remove("leases");
        assertEquals(List.of(), SnapshotJsonReader.read(root).network("default").orElseThrow().leases());
    }

    @Test
    void aBadLeaseIsRefusedNamingTheNetworkAndWhatIsAllowed() {
        String lease = "{\"mac\": \"52:54:00:3a:10:01\", \"ip\": \"192.168.122.10/24\", \"expires\": null}";
        assertRefused("topology JSON: a lease of network 'default' has no \"mac\": {\"ip\":\"192.168.122.10/24\"}",
                "[{\"ip\": \"192.168.122.10/24\"}]");
        assertRefused("topology JSON: a lease of network 'default' has no \"ip\": {\"mac\":\"52:54:00:3a:10:01\"}",
                "[{\"mac\": \"52:54:00:3a:10:01\"}]");
        assertRefused("topology JSON: a lease of network 'default': 'zz:54:00:3a:10:01' is not a MAC address: "
                + "expected six hex pairs separated by colons, e.g. 52:54:00:12:34:56",
                "[" + lease.replace("52:54", "zz:54") + "]");
        assertRefused("topology JSON: a lease of network 'default': '300.168.122.10/24' is not an IP address: "
                + "expected an IPv4 address (192.168.122.1 or 192.168.122.1/24) or an IPv6 address (2001:db8::1 or "
                + "2001:db8::1/64)", "[" + lease.replace("192.168", "300.168") + "]");
        assertRefused("topology JSON: a lease of network 'default' ends at 'tomorrow', which is not a time: "
                + "\"expires\" takes a UTC time such as 2026-12-06T22:10:00Z, or null for a lease that never ends",
                "[" + lease.replace("null", "\"tomorrow\"") + "]");
        assertRefused("topology JSON: a lease of network 'default' is 5, not an object with \"mac\", \"ip\", "
                + "\"expires\" and \"hostname\"", "[5]");
        assertRefused("topology JSON: the \"leases\" of network 'default' are \"none\", not a list of leases ([] for "
                + "none)", "\"none\"");
    }

    private static void assertRefused(String message, String leases) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> readWith(leases)).getMessage());
    }

    /** The demo host with these leases (JSON text; null: the JSON null) on its network 'default'. */
    private static dev.virtwire.model.HostSnapshot readWith(String leases) {
        ObjectNode root = demo();
        try {
            ((ObjectNode) root.path("networks").get(0)).set("leases", TopologyJson.MAPPER.readTree(
                    leases == null ? "null" : leases));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return SnapshotJsonReader.read(root);
    }

    private static ObjectNode demo() {
        try {
            ObjectNode root = (ObjectNode) TopologyJson.MAPPER.readTree(TopologyJson.toText(
                    SimulatedHost.demo().snapshot()));
            assertEquals("default", root.path("networks").get(0).path("name").asText());
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
