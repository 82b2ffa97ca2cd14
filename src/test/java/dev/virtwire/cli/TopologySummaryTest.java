package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FullNetworks;
import org.junit.jupiter.api.Test;

class TopologySummaryTest {

    @Test
    void aNetworkLineShowsMtuShapingAndPortgroups() {
        String text = TopologySummary.of(SimulatedHost.demo().snapshot()
                .updateNetwork("default", FullNetworks::withEverything));
        String line = text.lines().filter(l -> l.trim().startsWith("default ")).findFirst().orElseThrow();
        assertTrue(line.endsWith("mtu 9000  shaped in 1000 KiB/s  portgroups engineering*, sales vlan 42, "
                + "trunk vlan 42,47"), line);
    }
}
