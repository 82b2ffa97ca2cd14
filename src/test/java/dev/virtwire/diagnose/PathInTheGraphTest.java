package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.topology.Edge;
import dev.virtwire.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The troubleshooter's path is a walk in the host's graph: every hop is a node of the topology, joined by an edge
 * to a hop before it; the one step the graph has no edge for is the host routing a NAT network's traffic out of
 * its uplink, which is the link of the host's default route.
 */
class PathInTheGraphTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Topology topology = Topology.of(demo);

    @ParameterizedTest(name = "{0} ({1}) to {2}")
    @CsvSource(delimiter = ';', value = {
            "web1; NAT; internet; guest:web1 nic:web1/52:54:00:3a:10:01 link:vnet0 network:default link:virbr0 "
                    + "link:eth0 outside; link:eth0",
            "nas; bridged; lan; guest:nas nic:nas/52:54:00:3a:10:04 link:vnet3 link:br0 link:eth1 outside; ",
            "media; macvtap; lan; guest:media nic:media/52:54:00:3a:10:06 link:macvtap0 link:eth0 outside; ",
            "gitlab; routed; internet; guest:gitlab nic:gitlab/52:54:00:3a:10:07 link:vnet5 network:routed "
                    + "link:virbr2 link:eth0 outside; "})
    void theGuestsPathIsAWalkInTheTopology(String guest, String wiring, String target, String hops, String routed) {
        Diagnosis d = new Troubleshooter().diagnose(demo, guest, Optional.empty(), Destination.parse(target));
        List<Id.Node> path = d.path().stream().map(Hop::nodeId).toList();
        assertEquals(List.of(hops.split(" ")), path.stream().map(Id::text).toList(), wiring);
        List<Id.Node> unjoined = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            assertTrue(topology.has(path.get(i)), path.get(i).text() + " is no node of the graph");
            if (i > 0 && !joinedToAnEarlierHop(path, i)) {
                unjoined.add(path.get(i));
            }
        }
        List<Id.Node> expected = routed == null ? List.of() : Id.tryParseNode(routed.strip()).stream().toList();
        assertEquals(expected, unjoined, wiring + ": only the host's routing is no edge");
        expected.forEach(u -> assertEquals(demo.defaultRouteLink().map(l -> (Id.Node) new Id.Link(l.name())),
                Optional.of(u), "a NAT network's traffic leaves by the default route's link"));
    }

    private boolean joinedToAnEarlierHop(List<Id.Node> path, int i) {
        return topology.edges().stream().anyMatch(e -> touches(e, path.get(i))
                && path.subList(0, i).stream().anyMatch(earlier -> touches(e, earlier)
                        && !earlier.equals(path.get(i))));
    }

    private static boolean touches(Edge e, Id.Node node) {
        return e.from().equals(node) || e.to().equals(node);
    }
}
