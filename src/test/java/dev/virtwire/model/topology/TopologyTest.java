package dev.virtwire.model.topology;

import dev.virtwire.model.Id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Topology topology = Topology.of(demo);

    @Test
    void everyEdgeConnectsTwoNodesOfTheGraph() {
        Set<Id.Node> ids = topology.nodes().stream().map(Node::id).collect(Collectors.toSet());
        for (Edge e : topology.edges()) {
            assertTrue(ids.contains(e.from()) && ids.contains(e.to()), e.toString());
        }
    }

    @Test
    void aNatGuestIsWiredNicTapBridgeAndNetwork() {
        String nic = new Id.Nic("web1", "52:54:00:3a:10:01").text();
        assertTrue(has("guest:web1", nic, EdgeKind.GUEST_NIC));
        assertTrue(has(nic, "link:vnet0", EdgeKind.TAP_OF_NIC));
        assertTrue(has("link:vnet0", "link:virbr0", EdgeKind.PORT_OF_BRIDGE));
        assertTrue(has(nic, "network:default", EdgeKind.NIC_ON_NETWORK));
        assertTrue(has("network:default", "link:virbr0", EdgeKind.NETWORK_USES_BRIDGE));
    }

    @Test
    void physicalNicsLeadOutsideAndMacvtapSitsOnItsNic() {
        assertTrue(has("link:eth0", "outside", EdgeKind.UPLINK));
        assertTrue(has("link:eth1", "link:br0", EdgeKind.PORT_OF_BRIDGE));
        assertTrue(has("link:macvtap0", "link:eth0", EdgeKind.MACVTAP_OVER));
        assertTrue(has("network:lan-macvtap", "link:eth0", EdgeKind.NETWORK_USES_DEVICE));
    }

    @Test
    void aTapOnNoBridgeHasNoPortEdge() {
        assertEquals(0, topology.edges().stream().filter(e -> e.from().equals(new Id.Link("vnet6"))
                && e.kind() == EdgeKind.PORT_OF_BRIDGE).count());
    }

    @Test
    void loopbackIsNotDrawn() {
        assertTrue(topology.node(new Id.Link("lo")).isEmpty());
    }

    private boolean has(String from, String to, EdgeKind kind) {
        return topology.edges().contains(new Edge(node(from), node(to), kind));
    }

    private static Id.Node node(String text) {
        return Id.tryParseNode(text).orElseThrow();
    }
}
