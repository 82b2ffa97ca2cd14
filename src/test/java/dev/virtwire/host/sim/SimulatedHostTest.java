package dev.virtwire.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Scope;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedHostTest {
    private static final String WEB1_MAC = "52:54:00:3a:10:01";
    private final SimulatedHost host = SimulatedHost.demo();

    @Test
    void movingARunningGuestToTheLanBridgeMovesItsTapAndGivesItALanAddress() throws Exception {
        List<HostChange> seen = new ArrayList<>();
        try (AutoCloseable watch = host.watch(seen::add)) {
            host.guests().attachNic("web1", WEB1_MAC, NicType.BRIDGE, "br0", Scope.BOTH);
        }
        HostSnapshot after = host.snapshot();
        GuestNic nic = after.guest("web1").orElseThrow().nic(WEB1_MAC).orElseThrow();
        assertEquals(Optional.of("br0"), nic.source());
        assertEquals(Optional.of("br0"), after.link("vnet0").orElseThrow().master());
        assertTrue(Ipv4.parse("192.168.1.0/24").contains(Ipv4.parse(nic.addresses().get(0).ip())), nic.toString());
        assertEquals(List.of(new Id.Nic("web1", WEB1_MAC)), seen.get(0).touched());
    }

    @Test
    void stoppingANetworkTakesItsBridgeAwayAndStartingItDoesNotReplugTaps() {
        host.virtualNetworks().setNetworkActive("default", false);
        assertTrue(host.snapshot().link("virbr0").isEmpty());
        assertEquals(Optional.empty(), host.snapshot().link("vnet0").orElseThrow().master());
        host.virtualNetworks().setNetworkActive("default", true);
        assertTrue(host.snapshot().link("virbr0").isPresent());
        assertEquals(Optional.empty(), host.snapshot().link("vnet0").orElseThrow().master(),
                "libvirt does not re-plug running guests' taps when a network restarts");
    }

    @Test
    void refusesToAttachToSomethingThatDoesNotExistAndLeavesTheHostAsItWas() {
        HostSnapshot before = host.snapshot();
        HostException e = assertThrows(HostException.class,
                () -> host.guests().attachNic("web1", WEB1_MAC, NicType.BRIDGE, "br9", Scope.BOTH));
        assertTrue(e.getMessage().contains("br9"), e.getMessage());
        assertEquals(before.withTakenAt(before.takenAt()).guests(), host.snapshot().guests());
        assertEquals(before.links(), host.snapshot().links());
    }

    @Test
    void refusesALiveAttachToAnInactiveNetwork() {
        HostException e = assertThrows(HostException.class,
                () -> host.guests().attachNic("web1", WEB1_MAC, NicType.NETWORK, "lab", Scope.BOTH));
        assertTrue(e.getMessage().contains("virsh net-start lab"), e.getMessage());
    }

    /** It imitates libvirt, not the planner: a stored configuration may name anything, a live change may not. */
    @Test
    void aStoredConfigurationMayNameWhatIsNotThereButALiveChangeMayNot() {
        String build = host.snapshot().guest("build").orElseThrow().nics().get(0).mac();
        host.attachNic("build", build, NicType.BRIDGE, "br9", Scope.CONFIG);
        assertEquals(Optional.of("br9"), host.snapshot().guest("build").orElseThrow().nics().get(0).source());
        HostException live = assertThrows(HostException.class,
                () -> host.attachNic("web1", WEB1_MAC, NicType.BRIDGE, "br9", Scope.BOTH));
        assertTrue(live.getMessage().contains("br9"), live.getMessage());
        // to macvtap while it runs: the real host unplugs the NIC and plugs it in again, so it happens here too
        host.attachNic("web1", WEB1_MAC, NicType.DIRECT, "eth0", Scope.BOTH);
        assertEquals(NicType.DIRECT, host.snapshot().guest("web1").orElseThrow().nics().get(0).type());
    }
}
