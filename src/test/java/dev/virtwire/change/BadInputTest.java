package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input and vanished targets are refused with a message saying what is allowed; the host stays as it was. */
class BadInputTest {
    static final HostAddress SIM = new HostAddress("sim:///bad-input", new Target.Local());
    static final String WEB1 = "52:54:00:3a:10:01";
    static final Optional<String> NONE = Optional.empty();
    static final Optional<Integer> NONE_INT = Optional.empty();

    @TempDir
    Path state;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new GuestIntent.AttachNic("web1/x", WEB1, NicType.NETWORK, "default", Scope.BOTH), "without '/'"),
                Arguments.of(new GuestIntent.AttachNic("web1;reboot", WEB1, NicType.NETWORK, "default", Scope.BOTH), "no guest named 'web1;reboot'"),
                Arguments.of(new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "de/fault", Scope.BOTH), "without '/'"),
                Arguments.of(new GuestIntent.AttachNic("web1", WEB1, NicType.BRIDGE, "br 0", Scope.BOTH), "1 to 15"),
                Arguments.of(new GuestIntent.AttachNic("web1", "52:54:00:zz:10:01", NicType.NETWORK, "isolated", Scope.BOTH), "six hex pairs"),
                Arguments.of(new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "gone", Scope.BOTH), "no libvirt network named 'gone'"),
                Arguments.of(new GuestIntent.AttachNic("nobody", WEB1, NicType.NETWORK, "isolated", Scope.BOTH), "no guest named 'nobody'"),
                Arguments.of(new GuestIntent.AttachNic("web1", "52:54:00:00:00:99", NicType.NETWORK, "isolated", Scope.BOTH), "its NICs: 52:54:00:3a:10:01"),
                Arguments.of(new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "lab", Scope.BOTH), "not active"),
                Arguments.of(new GuestIntent.AttachNic("build", "52:54:00:3a:10:08", NicType.NETWORK, "isolated", Scope.LIVE), "not running"),
                Arguments.of(new GuestIntent.SetNicMac("web1", WEB1, "52:54:00:zz:00:01"), "six hex pairs"),
                Arguments.of(new GuestIntent.SetNicMac("web1", WEB1, "53:54:00:00:00:01"), "multicast"),
                Arguments.of(new GuestIntent.SetNicMac("web1", WEB1, "52:54:00:3a:10:04"), "taken by a NIC of guest nas"),
                Arguments.of(new GuestIntent.SetNicMac("win11", "52:54:00:3a:10:0a", "52:54:00:00:00:01"), "paused"),
                Arguments.of(new GuestIntent.SetNicMac("web1", "52:54:00:00:00:99", "52:54:00:00:00:01"), "its NICs: 52:54:00:3a:10:01"),
                Arguments.of(new GuestIntent.SwitchToNat("web1", WEB1, NONE), "already"),
                Arguments.of(new GuestIntent.SwitchToNat("nas", "52:54:00:3a:10:04", Optional.of("isolated")), "not NAT"),
                Arguments.of(new GuestIntent.SwitchToBridged("web1", WEB1, Optional.of("virbr9")), "no Linux bridge named 'virbr9'"),
                Arguments.of(new LinkIntent.CreateBridge("averyveryverylongname", false, 15), "1 to 15"),
                Arguments.of(new LinkIntent.CreateBridge("br/x", false, 15), "without spaces, '/' or ':'"),
                Arguments.of(new LinkIntent.CreateBridge("..", false, 15), "not '.' or '..'"),
                Arguments.of(new LinkIntent.CreateBridge("eth0", false, 15), "exists already"),
                Arguments.of(new LinkIntent.CreateBridge("br5", true, 1), "2 to 30"),
                Arguments.of(new LinkIntent.DeleteBridge("br0"), "host-bridge"),
                Arguments.of(new LinkIntent.DeleteBridge("eth0"), "not a bridge"),
                Arguments.of(new LinkIntent.SetLinkMtu("eth0", 20), "68 to 65535"),
                Arguments.of(new LinkIntent.SetLinkMaster("eth0", Optional.of("virbr77")), "no link named 'virbr77'"),
                Arguments.of(new LinkIntent.SetLinkMaster("eth0", Optional.of("eth1")), "bridge or a bond"),
                Arguments.of(new SysctlIntent.SetIpForward(true), "already"),
                Arguments.of(new LinkIntent.BridgeUplink("eth0", "brlan", true, 2), "10 to 600"),
                Arguments.of(new LinkIntent.BridgeUplink("eth1", "brlan", true, 60), "port of br0"),
                Arguments.of(new LinkIntent.BridgeUplink("eth0", "virbr0", true, 60), "libvirt owns it"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("192.168.122.5/24"), NONE, NONE, NONE), "overlaps network default"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("192.168.1.77/24"), NONE, NONE, NONE), "overlaps"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("192.168.300.1/24"), NONE, NONE, NONE), "0 to 255"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("10.9.0.1/33"), NONE, NONE, NONE), "prefix from 0 to 32"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("10.9.0.1"), NONE, NONE, NONE), "needs a prefix"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("10.9.0.1/24"), Optional.of("10.9.1.10"), Optional.of("10.9.1.20"), NONE), "must lie inside 10.9.0.0/24"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, NONE, Optional.of("10.9.0.1/24"), Optional.of("10.9.0.100"), NONE, NONE), "both its first and its last"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.NAT, Optional.of("virbr0"), Optional.of("10.9.0.1/24"), NONE, NONE, NONE), "is taken"),
                Arguments.of(new NetworkIntent.CreateNetwork("new/net", NetworkMode.NAT, NONE, Optional.of("10.9.0.1/24"), NONE, NONE, NONE), "not a valid network name"),
                Arguments.of(new NetworkIntent.CreateNetwork("default", NetworkMode.NAT, NONE, Optional.of("10.9.0.1/24"), NONE, NONE, NONE), "exists already"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.BRIDGE, Optional.of("br7"), NONE, NONE, NONE, NONE), "no Linux bridge named 'br7'"),
                Arguments.of(new NetworkIntent.CreateNetwork("new", NetworkMode.PRIVATE, NONE, NONE, NONE, NONE, NONE), "needs the host NIC"),
                Arguments.of(new NetworkIntent.DeleteNetwork("default"), "web1"),
                Arguments.of(new NetworkIntent.SetNetworkMode("default", NetworkMode.VEPA, NONE, Optional.of("eth0"), NONE), "shut off"),
                Arguments.of(new NetworkIntent.AddDhcpHost("default", WEB1, "192.168.123.5", NONE), "outside network default"),
                Arguments.of(new NetworkIntent.AddDhcpHost("default", "52:54:00:3a:10:02", "192.168.122.60", NONE), "already reserves"),
                Arguments.of(new NetworkIntent.AddDhcpHost("default", WEB1, "192.168.122.1", NONE), "host's"),
                Arguments.of(new NetworkIntent.AddDhcpHost("default", WEB1, "192.168.122.60", Optional.of("bad name")), "DHCP host name"),
                Arguments.of(new NetworkIntent.AddDhcpHost("host-bridge", WEB1, "192.168.1.60", NONE), "no DHCP service"),
                Arguments.of(new NetworkIntent.RemoveDhcpHost("default", WEB1), "no reservation"),
                Arguments.of(new FirewallIntent.AddPortForward("tcp", 0, "192.168.122.10", 80), "1 to 65535"),
                Arguments.of(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 70000), "1 to 65535"),
                Arguments.of(new FirewallIntent.AddPortForward("icmp", 8080, "192.168.122.10", 80), "tcp or udp"),
                Arguments.of(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.1.51", 80), "behind NAT"),
                Arguments.of(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10/24", 80), "without a prefix"),
                Arguments.of(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80), "no port forward"),
                Arguments.of(new RouteIntent.AddRoute("default", Optional.of("10.9.9.1"), "eth0", NONE_INT), "not in a subnet of eth0"),
                Arguments.of(new RouteIntent.AddRoute("10.9.0.0", NONE, "eth0", NONE_INT), "needs a prefix"),
                Arguments.of(new RouteIntent.AddRoute("default", Optional.of("192.168.1.1"), "eth0", Optional.of(100)), "exists already"),
                Arguments.of(new RouteIntent.RemoveRoute("10.1.0.0/16", NONE, "eth0", NONE_INT), "no route"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithAMessageAndTheHostUnchanged(Intent intent, String expected) {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(intent));
            assertTrue(refused.getMessage().contains(expected), refused.getMessage());
            assertEquals(before, Snapshots.normalized(host.snapshot()));
            assertTrue(changes.history().isEmpty());
        }
    }

    @Test
    void aTargetThatVanishedAfterPlanningIsRefusedWithTheHostUntouched() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "dmz", Scope.BOTH));
            host.virtualNetworks().setNetworkActive("dmz", false);
            host.virtualNetworks().undefineNetwork("dmz");
            HostSnapshot drifted = Snapshots.normalized(host.snapshot());
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.apply(plan));
            assertTrue(refused.getMessage().contains("network dmz no longer exists"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
            assertEquals(drifted, Snapshots.normalized(host.snapshot()));
            assertTrue(changes.history().isEmpty(), "a refused plan leaves no history entry");
        }
    }

    @Test
    void aNicMovedBehindOurBackBlocksUndoAndSaysWhy() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new GuestIntent.SwitchToBridged("web1", WEB1, NONE)));
            host.guests().attachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.BOTH);
            String reason = changes.undoBlockedReason().orElseThrow();
            assertTrue(reason.contains("is on network isolated, not on bridge br0"), reason);
            HostSnapshot drifted = Snapshots.normalized(host.snapshot());
            assertThrows(ChangeRefused.class, changes::undo);
            assertEquals(drifted, Snapshots.normalized(host.snapshot()));
            assertEquals(HistoryEntry.Status.APPLIED, changes.history().get(0).status());
        }
    }
}
