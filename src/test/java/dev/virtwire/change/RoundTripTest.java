package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of change on the demo host: applied it changes the host, undone the host is as before, redone as after. */
class RoundTripTest {
    static final String WEB1 = "52:54:00:3a:10:01";
    static final HostAddress SIM = new HostAddress("sim:///round-trip", new Target.Local());

    @TempDir
    Path state;

    static Stream<Intent> intents() {
        return Stream.of(
                new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.BOTH),
                new GuestIntent.AttachNic("web1", WEB1, NicType.BRIDGE, "br0", Scope.LIVE),
                new GuestIntent.AttachNic("build", "52:54:00:3a:10:08", NicType.BRIDGE, "br0", Scope.BOTH),
                new GuestIntent.SwitchToBridged("web1", WEB1, Optional.empty()),
                new GuestIntent.SwitchToNat("nas", "52:54:00:3a:10:04", Optional.empty()),
                new GuestIntent.SetNicLink("test-lab", "52:54:00:3a:10:05", true),
                new GuestIntent.SetNicLink("build", "52:54:00:3a:10:08", false),
                new LinkIntent.SetLinkUp("eth1", false),
                new LinkIntent.SetLinkMaster("eth1", Optional.empty()),
                new LinkIntent.SetLinkMaster("vnet6", Optional.of("virbr0")),
                new LinkIntent.SetLinkMtu("br0", 9000),
                new SysctlIntent.SetIpForward(false),
                new LinkIntent.CreateBridge("br-test", true, 4),
                new LinkIntent.BridgeUplink("eth0", "brlan", true, 60),
                new LinkIntent.BridgeUplink("eth0", "brlan", false, 60),
                new NetworkIntent.SetNetworkActive("lab", true),
                new NetworkIntent.SetNetworkActive("default", false),
                new NetworkIntent.CreateNetwork("lan2", NetworkMode.NAT, Optional.empty(), Optional.of("192.168.60.1/24"),
                        Optional.of("192.168.60.100"), Optional.of("192.168.60.200"), Optional.empty()),
                new NetworkIntent.CreateNetwork("over-br0", NetworkMode.BRIDGE, Optional.of("br0"), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new NetworkIntent.CreateNetwork("vepa1", NetworkMode.VEPA, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of("eth0")),
                new NetworkIntent.DeleteNetwork("dmz"),
                new NetworkIntent.SetNetworkMode("default", NetworkMode.ROUTE, Optional.empty(), Optional.empty(),
                        Optional.empty()),
                new NetworkIntent.SetNetworkMode("isolated", NetworkMode.BRIDGE, Optional.of("br0"), Optional.empty(),
                        Optional.empty()),
                new NetworkIntent.SetNetworkMode("lab", NetworkMode.OPEN, Optional.empty(), Optional.empty(),
                        Optional.of("10.30.0.1/24")),
                new NetworkIntent.AddDhcpHost("default", "52:54:00:aa:bb:cc", "192.168.122.50", Optional.of("new-vm")),
                new NetworkIntent.RemoveDhcpHost("default", "52:54:00:3a:10:02"),
                new NetworkIntent.AddDhcpHost("lab", "52:54:00:aa:bb:cd", "10.10.0.50", Optional.empty()),
                new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80),
                new RouteIntent.AddRoute("10.99.0.0/16", Optional.of("192.168.1.254"), "eth0", Optional.of(50)),
                new RouteIntent.RemoveRoute("default", Optional.of("192.168.1.1"), "eth0", Optional.of(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intents")
    void applyThenUndoLeavesTheHostAsBefore(Intent intent) {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            HostSnapshot before = Snapshots.normalized(host.snapshot());
            Plan plan = changes.plan(intent);
            assertTrue(!plan.commands().isEmpty(), "a plan shows its commands");

            changes.apply(plan);
            HostSnapshot after = Snapshots.normalized(host.snapshot());
            assertNotEquals(before, after, "applying changed the host");

            HistoryEntry undone = changes.undo();
            assertEquals(HistoryEntry.Status.UNDONE, undone.status());
            assertEquals(before, Snapshots.normalized(host.snapshot()), "undo restored the host");

            changes.redo();
            assertEquals(after, Snapshots.normalized(host.snapshot()), "redo applied it again");
            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()));
        }
    }
}
