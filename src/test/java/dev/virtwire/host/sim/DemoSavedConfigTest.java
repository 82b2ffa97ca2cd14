package dev.virtwire.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkConfig;
import dev.virtwire.model.LinkOwner;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The demo host's links are owned as on a desktop KVM host: NetworkManager's uplink, bridge and port. */
class DemoSavedConfigTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    private LinkConfig config(HostSnapshot s, String link) {
        return s.config(s.link(link).orElseThrow()).orElseThrow();
    }

    @Test
    void networkManagerOwnsTheUplinkTheBridgeAndItsPort() {
        assertEquals(Optional.of("Wired connection 1"), config(demo, "eth0").profile());
        assertEquals(Optional.of("bridge-br0"), config(demo, "br0").profile());
        assertEquals(Optional.of("bridge-slave-eth1"), config(demo, "eth1").profile());
        for (String link : new String[] {"eth0", "br0", "eth1"}) {
            assertEquals(LinkOwner.NETWORK_MANAGER, config(demo, link).manager());
            assertTrue(config(demo, link).saved(), config(demo, link).drift()::toString);
        }
    }

    @Test
    void libvirtsBridgeIsNoManagersAndASavedProfileNotRunningIsListed() {
        assertEquals(LinkOwner.NONE, config(demo, "virbr0").manager());
        assertFalse(config(demo, "virbr0").saved());
        assertEquals("br-test", demo.saved().notRunning(demo.links()).get(0).name());
    }

    @Test
    void aChangeByHandIsNotSaved() {
        HostSnapshot changed = demo.updateLink("br0", l -> new dev.virtwire.model.Link(l.name(), l.kind(), l.mac(),
                OptionalInt.of(1400), l.state(), l.adminUp(), l.master(), l.parent(), l.addresses(), l.vlanId()));
        assertFalse(config(changed, "br0").saved());
    }
}
