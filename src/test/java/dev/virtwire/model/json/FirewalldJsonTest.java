package dev.virtwire.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.host.firewall.FirewalldPolicyFixture;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import org.junit.jupiter.api.Test;

/** firewalld's zones and policies as captured on the lab: written under firewall.firewalld and read back. */
class FirewalldJsonTest {
    @Test
    void policiesAndRichRulesAreWrittenAndReadBack() {
        FirewallState captured = FirewalldPolicyFixture.state("rejects");
        HostSnapshot s = SimulatedHost.demo().snapshot().withFirewall(captured);
        JsonNode json = TopologyJson.toJson(s);
        JsonNode policy = json.at("/firewall/firewalld/policies/1");
        assertEquals("guests-out", policy.get("name").asText());
        assertEquals("[\"trusted\"]", policy.get("ingress_zones").toString());
        assertEquals("[\"ANY\"]", policy.get("egress_zones").toString());
        assertEquals("REJECT", policy.get("target").asText());
        assertEquals(-100, policy.get("priority").asInt());
        assertEquals("{\"rule\":\"rule family=\\\"ipv4\\\" destination address=\\\"198.51.100.0/24\\\" drop\","
                + "\"running\":true,\"saved\":true}", policy.at("/rich_rules/0").toString());
        assertEquals(captured.firewalld(), SnapshotJsonReader.read(json).firewall().firewalld());
    }
}
