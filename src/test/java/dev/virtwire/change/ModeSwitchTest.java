package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-click switch of a guest NIC, and a network's mode switch that must re-plug running guests. */
class ModeSwitchTest {
    static final HostAddress SIM = new HostAddress("sim:///mode", new Target.Local());
    static final String WEB1 = "52:54:00:3a:10:01";

    @TempDir
    Path state;

    @Test
    void natToBridgedJoinsTheLanAndUndoRestoresTheExactSource() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new GuestIntent.SwitchToBridged("web1", WEB1, Optional.empty()));
            // libvirt changes the running guest and its saved config in two calls, live first: both are shown
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.indexOf("virsh update-device web1 /dev/stdin --live\n") >= 0
                    && commands.indexOf("virsh update-device web1 /dev/stdin --config\n")
                    > commands.indexOf("virsh update-device web1 /dev/stdin --live\n"), commands);
            changes.apply(plan);
            GuestNic bridged = nic(host.snapshot());
            assertEquals(NicType.BRIDGE, bridged.type());
            assertEquals(Optional.of("br0"), bridged.source());
            assertTrue(bridged.addresses().stream().map(GuestAddress::ip).anyMatch(ip -> ip.startsWith("192.168.1.")),
                    "a LAN address: " + bridged.addresses());
            assertEquals(Optional.of("br0"), host.snapshot().link("vnet0").orElseThrow().master());

            changes.apply(changes.plan(new GuestIntent.SwitchToNat("web1", WEB1, Optional.empty())));
            GuestNic back = nic(host.snapshot());
            assertEquals(Optional.of("default"), back.source());
            assertEquals("192.168.122.10/24", back.addresses().get(0).ip());
        }
    }

    @Test
    void severalUplinkBridgesMustBeNamed() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new LinkIntent.BridgeUplink("eth0", "brlan", false, 60)));
            changes.confirm();
            ChangeRefused refused = org.junit.jupiter.api.Assertions.assertThrows(ChangeRefused.class,
                    () -> changes.plan(new GuestIntent.SwitchToBridged("web1", WEB1, Optional.empty())));
            assertTrue(refused.getMessage().contains("br0, brlan"), refused.getMessage());
            assertEquals(Optional.of("brlan"), changes.plan(new GuestIntent.SwitchToBridged("web1", WEB1,
                    Optional.of("brlan"))).operations().get(0) instanceof dev.virtwire.change.op.AttachNicOp a
                    ? Optional.of(a.source()) : Optional.empty());
        }
    }

    @Test
    void aNetworkModeSwitchReplugsRunningGuests() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new NetworkIntent.SetNetworkMode("default", NetworkMode.ROUTE, Optional.empty(),
                    Optional.empty(), Optional.empty()));
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.contains("<forward mode=\"route\"/>"), commands);
            assertTrue(commands.contains("virsh net-destroy default"), commands);
            String web1Tap = nic(host.snapshot()).target().orElseThrow();
            assertTrue(commands.contains("ip link set dev " + web1Tap + " master virbr0"), commands);
            assertTrue(!commands.contains("<tap of"), commands);
            changes.apply(plan);
            HostSnapshot after = host.snapshot();
            assertEquals(NetworkMode.ROUTE, after.network("default").orElseThrow().mode());
            for (String tap : new String[] {"vnet0", "vnet1", "vnet7"}) {
                assertEquals(Optional.of("virbr0"), after.link(tap).orElseThrow().master(), tap + " re-plugged");
            }
            assertEquals(Optional.empty(), after.link("vnet6").orElseThrow().master(),
                    "mail's tap was off the bridge before and stays so");
        }
    }

    private static GuestNic nic(HostSnapshot s) {
        return s.guest("web1").orElseThrow().nic(WEB1).orElseThrow();
    }
}
