package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.ServerShapes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The troubleshooter walks a server's way out (bond0.100 on bond0 on eth0 + eth2) down to its cables. */
class ServerUplinkDiagnosisTest {
    private final HostSnapshot server = ServerShapes.bondVlan(SimulatedHost.demo().snapshot());

    @Test
    void aNatGuestsPathLeavesThroughTheVlanTheBondAndItsSlaves() {
        Diagnosis d = new Troubleshooter().diagnose(server, "web1", Optional.empty(), Destination.parse("internet"));
        List<String> hops = d.path().stream().map(h -> h.nodeId().text()).toList();
        int vlan = hops.indexOf("link:bond0.100");
        assertTrue(vlan > 0, hops.toString());
        assertEquals(List.of("link:bond0.100", "link:bond0", "link:eth0", "link:eth2", "outside"),
                hops.subList(vlan, hops.size()));
        assertTrue(d.findings().stream().noneMatch(f -> f.entry() == Catalog.BOND_DEGRADED), d.findings().toString());
    }

    @Test
    void aSlaveWithoutCarrierIsAWarningAndMarksItsHop() {
        HostSnapshot degraded = server.updateLink("eth2", l -> ServerShapes.slave(l.withState(LinkState.DOWN)
                .withMaster(Optional.of("bond0")), "BACKUP", "DOWN"));
        Diagnosis d = new Troubleshooter().diagnose(degraded, "web1", Optional.empty(), Destination.parse("internet"));
        Finding first = d.findings().get(0);
        assertEquals("bond-degraded", first.id(), d.findings().toString());
        assertEquals(Severity.WARNING, first.severity());
        assertTrue(first.nodes().contains(new Id.Link("eth2")));
        assertTrue(d.path().stream().anyMatch(h -> h.nodeId().equals(new Id.Link("eth2")) && !h.ok()));
    }
}
