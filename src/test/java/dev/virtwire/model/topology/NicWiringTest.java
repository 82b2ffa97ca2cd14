package dev.virtwire.model.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A guest NIC's wiring read off the graph: the tap, what it is plugged into, what the configuration names. */
class NicWiringTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Topology topology = Topology.of(demo);

    @Test
    void aNatNicsTapIsOnItsNetworksBridge() {
        NicWiring w = topology.wiring(new Id.Nic("web1", "52:54:00:3a:10:01"));
        assertEquals(Optional.of(new Id.Link("vnet0")), w.tap());
        assertEquals(Optional.of(new Id.Link("virbr0")), w.pluggedInto());
        assertEquals(Optional.of(new Id.Network("default")), w.configured());
        assertEquals(Set.of(new Id.Network("default"), new Id.Link("virbr0")), w.fitting());
        assertTrue(w.agrees());
        assertEquals(Optional.of(new Id.Link("virbr0")), topology.configuredBridge(w.nic()));
    }

    @Test
    void aRoutedNetworksDeviceFitsToo() {
        NicWiring w = topology.wiring(new Id.Nic("gitlab", "52:54:00:3a:10:07"));
        assertEquals(Set.of(new Id.Network("routed"), new Id.Link("virbr2"), new Id.Link("eth0")), w.fitting());
    }

    @Test
    void aTapOnNoBridgeDisagreesWithItsConfiguration() {
        NicWiring mail = topology.wiring(demo.guest("mail").map(g -> new Id.Nic("mail", g.nics().get(0).mac()))
                .orElseThrow());
        assertEquals(Optional.of(new Id.Link("vnet6")), mail.tap());
        assertEquals(Optional.empty(), mail.pluggedInto());
        assertFalse(mail.agrees());
    }

    @Test
    void aMacvtapSitsOnItsLowerDeviceAndABridgedNicOnItsBridge() {
        Id.Nic media = new Id.Nic("media", "52:54:00:3a:10:06");
        assertEquals(Optional.of(new Id.Link("eth0")), topology.wiring(media).pluggedInto());
        assertTrue(topology.wiring(media).agrees());
        assertEquals(Optional.empty(), topology.configuredBridge(media));
        Id.Nic nas = new Id.Nic("nas", "52:54:00:3a:10:04");
        assertEquals(Optional.of(new Id.Link("br0")), topology.configuredBridge(nas));
        assertTrue(topology.wiring(nas).agrees());
    }

    @Test
    void aShutOffGuestHasNoTapAndWhatIsMissingIsNoNode() {
        NicWiring build = topology.wiring(demo.guest("build").map(g -> new Id.Nic("build", g.nics().get(0).mac()))
                .orElseThrow());
        assertEquals(Optional.empty(), build.tap());
        assertEquals(Optional.of(new Id.Network("default")), build.configured());
        // network lab is inactive: its bridge virbr3 does not exist, so nothing leads there
        Id.Nic ci = demo.guest("ci-runner").map(g -> new Id.Nic("ci-runner", g.nics().get(0).mac())).orElseThrow();
        assertEquals(Optional.empty(), topology.configuredBridge(ci));
        assertEquals(Set.of(new Id.Network("lab")), topology.wiring(ci).fitting());
    }
}
