package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NicType;
import dev.virtwire.model.ServerShapes;
import dev.virtwire.model.Uplinks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes on a server's uplink shape (eth0 + eth2 -> bond0 -> bond0.100 with the address and default route). */
class ServerUplinkChangesTest {
    private static final HostAddress SIM = new HostAddress("sim:///server", new Target.Local());
    private static final String WEB1_NIC = "52:54:00:3a:10:01";

    @TempDir
    Path state;

    private final SimulatedHost host = new SimulatedHost(ServerShapes.bondVlan(SimulatedHost.demo().snapshot()));

    @Test
    void bridgingTheVlanLinkMovesItsAddressAndDefaultRouteUnderTheTimerAndUndoPutsThemBack() {
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new LinkIntent.BridgeUplink("bond0.100", "br100", true, 60));
            assertTrue(plan.risky() && plan.needsConfirmation(), "bond0.100 carries the default route");
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.contains("ip link set dev bond0.100 master br100"), commands);
            assertTrue(commands.contains("ip address add 192.168.1.20/24 dev br100"), commands);
            assertTrue(commands.contains("ip route add default via 192.168.1.1 dev br100 metric 100"), commands);
            changes.apply(plan);
            changes.confirm();
            HostSnapshot bridged = host.snapshot();
            assertEquals(List.of("br100", "bond0.100", "bond0", "eth0", "eth2"),
                    Uplinks.of(bridged).chain().stream().map(Link::name).toList(), "the way out, followed down");
            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()), "undo restored the host");
        }
    }

    @Test
    void aBondSlaveCannotBeBridgedOnItsOwn() {
        try (Changes changes = new Changes(host, SIM, state)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new LinkIntent.BridgeUplink("eth2", "br9", false, 60)));
            assertTrue(refused.getMessage().contains("port of bond0"), refused.getMessage());
        }
    }

    @Test
    void puttingAGuestOnVlan42MakesTheVlanLinkAndItsBridgeMovesTheNicAndUndoesAsOne() {
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new GuestIntent.PutNicOnVlan("web1", WEB1_NIC, 42, Optional.empty(),
                    Optional.empty()));
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.contains("ip link add link bond0 name bond0.42 type vlan id 42"),
                    "the trunk is the parent of the default route's VLAN: " + commands);
            assertTrue(commands.contains("ip link set dev bond0.42 master br42"), commands);
            assertTrue(commands.indexOf("type vlan") < commands.indexOf("virsh"), "the NIC moves last: " + commands);
            assertTrue(!plan.risky(), "the trunk itself is not touched");
            changes.apply(plan);
            HostSnapshot after = host.snapshot();
            GuestNic nic = after.guest("web1").orElseThrow().nic(WEB1_NIC).orElseThrow();
            assertEquals(NicType.BRIDGE, nic.type());
            assertEquals(Optional.of("br42"), nic.source());
            assertEquals(Optional.of("br42"), after.link("bond0.42").flatMap(Link::master));
            assertTrue(Uplinks.of(after).lanBridges().stream().anyMatch(b -> b.name().equals("br42")),
                    "br42 leads off the host through VLAN 42 of the bond");
            assertNotEquals(before, Snapshots.normalized(after));
            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()), "undo removed the bridge and the VLAN link");
        }
    }

    @Test
    void aVlanIsPutOnTheBondNotOnOneOfItsSlaves() {
        try (Changes changes = new Changes(host, SIM, state)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(new GuestIntent.PutNicOnVlan(
                    "web1", WEB1_NIC, 42, Optional.of("eth2"), Optional.empty())));
            assertTrue(refused.getMessage().contains("--trunk bond0"), refused.getMessage());
            ChangeRefused notAnId = assertThrows(ChangeRefused.class, () -> changes.plan(new GuestIntent.PutNicOnVlan(
                    "web1", WEB1_NIC, 4095, Optional.empty(), Optional.empty())));
            assertTrue(notAnId.getMessage().contains("1 to 4094"), notAnId.getMessage());
        }
    }
}
