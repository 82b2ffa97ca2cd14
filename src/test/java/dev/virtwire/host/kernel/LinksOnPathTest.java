package dev.virtwire.host.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which links' own settings a read about some of the demo host's guests reads. */
class LinksOnPathTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void aBridgedGuestsTapItsBridgeThePortsAndTheDefaultRoutesLink() {
        Set<String> path = LinksOnPath.of(only("nas"));
        assertTrue(path.containsAll(List.of("vnet3", "br0", "eth1", "vnet9", "eth0")), path::toString);
        assertFalse(path.contains("macvtap0") || path.contains("vnet6") || path.contains("lo"), path::toString);
    }

    @Test
    void aMacvtapGuestsDeviceAndWhatItStandsOn() {
        Set<String> path = LinksOnPath.of(only("media"));
        assertTrue(path.containsAll(List.of("macvtap0", "eth0")), path::toString);
        assertFalse(path.contains("vnet6"), path::toString);
    }

    @Test
    void theNetworksBridgesAndTheWayOutEvenForAGuestWithoutTap() {
        Set<String> path = LinksOnPath.of(only("build"));
        assertTrue(path.containsAll(List.of("virbr0", "virbr1", "virbr2", "virbr4", "br0", "eth0")), path::toString);
        assertFalse(path.contains("macvtap0"), path::toString);
    }

    private HostSnapshot only(String guest) {
        return demo.withGuests(demo.guests().stream().filter(g -> g.name().equals(guest)).toList());
    }
}
