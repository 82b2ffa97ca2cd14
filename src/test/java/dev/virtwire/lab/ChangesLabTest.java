package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change layer on the lab's real libvirtd and kernel: every kind of change applied and undone leaves
 * the lab as it was; NAT to bridged puts a running guest on the LAN and back; bridging the uplink without
 * confirmation is reverted by the host-side watchdog.
 */
@LabTest
class ChangesLabTest {
    private static final Optional<String> NONE = Optional.empty();

    private final Lab lab;
    private final HostAddress address;

    @TempDir
    Path state;

    ChangesLabTest(Lab lab) {
        this.lab = lab;
        this.address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    @Test
    void natToBridgedPutsARunningGuestOnTheLanAndBridgedToNatBringsItBack() {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            String mac = onlyNic(host.snapshot(), "g1").mac();
            List<String> before = LabState.of(host.snapshot());

            changes.apply(changes.plan(new Intent.SwitchToBridged("g1", mac, NONE)));
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.guestExec("g1", "ping", "-c", "1", "-W",
                    "2", lab.lanHost()).ok()), () -> "g1 does not reach the LAN host " + lab.lanHost()
                    + "\nconsole:\n" + lab.console("g1"));
            assertTrue(lab.guestIp("g1").startsWith(prefix(lab.lanGateway())), lab.guestIp("g1"));

            changes.apply(changes.plan(new Intent.SwitchToNat("g1", mac, NONE)));
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.guestExec("g1", "ping", "-c", "1", "-W",
                    "2", lab.internet()).ok()), () -> "g1 is not back behind NAT\nconsole:\n" + lab.console("g1"));
            assertTrue(lab.guestIp("g1").startsWith("192.168.122."), lab.guestIp("g1"));
            assertEquals(before, LabState.of(host.snapshot()));
        }
    }

    @Test
    void everyKindOfChangeAppliedThenUndoneLeavesTheLabAsItWas() {
        List<String> failures = new ArrayList<>();
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            HostSnapshot s = host.snapshot();
            String g1 = onlyNic(s, "g1").mac();
            String g3 = onlyNic(s, "g3").mac();
            List<Intent> intents = Stream.of(
                    new Intent.AttachNic("g3", g3, NicType.NETWORK, "default", Scope.BOTH),
                    new Intent.SetNicLink("g1", g1, false),
                    new Intent.CreateBridge("vwtest0", true, 4),
                    new Intent.SetLinkMtu("br0", 1400),
                    new Intent.SetIpForward(false),
                    new Intent.CreateNetwork("vwtest-nat", NetworkMode.NAT, NONE, Optional.of("192.168.231.1/24"),
                            Optional.of("192.168.231.100"), Optional.of("192.168.231.200"), NONE),
                    new Intent.AddDhcpHost("default", "52:54:00:aa:bb:01", "192.168.122.240", Optional.of("vwtest")),
                    new Intent.AddPortForward("tcp", 18080, lab.guestIp("g1"), 80),
                    new Intent.SetNetworkMode("isolated", NetworkMode.OPEN, NONE, NONE, NONE),
                    new Intent.SetNetworkActive("routed", false)).map(Intent.class::cast).toList();
            for (Intent intent : intents) {
                List<String> before = LabState.of(host.snapshot());
                try {
                    changes.apply(changes.plan(intent));
                    if (before.equals(LabState.of(host.snapshot()))) {
                        failures.add(intent.describe() + ": applying it changed nothing visible");
                    }
                    HistoryEntry undone = changes.undo();
                    assertEquals(HistoryEntry.Status.UNDONE, undone.status());
                    List<String> after = LabState.of(host.snapshot());
                    if (!before.equals(after)) {
                        failures.add(intent.describe() + ": after undo the lab differs:\n  before only: "
                                + minus(before, after) + "\n  after only:  " + minus(after, before));
                    }
                } catch (RuntimeException e) {
                    failures.add(intent.describe() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void bridgingTheUplinkWithoutConfirmationIsRevertedByTheHost() {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            HostSnapshot before = host.snapshot();
            List<String> state0 = LabState.of(before);
            String uplink = before.defaultRouteLink().map(Link::name).orElseThrow();

            HistoryEntry entry = changes.apply(changes.plan(new Intent.BridgeUplink(uplink, "vwbr0", true, 10)));
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
            assertEquals("vwbr0", host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            assertTrue(lab.exec("ping", "-c", "1", "-W", "2", lab.lanGateway()).ok(), "the host still reaches the "
                    + "LAN through the bridge");

            assertTrue(Eventually.within(Duration.ofSeconds(30), () -> state0.equals(LabState.of(host.snapshot()))),
                    () -> "not reverted: " + minus(LabState.of(host.snapshot()), state0));
            assertEquals(uplink, host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            assertTrue(lab.exec("ping", "-c", "1", "-W", "2", lab.lanGateway()).ok(), "the host reaches the LAN again");
        }
    }

    private static GuestNic onlyNic(HostSnapshot s, String guest) {
        Guest g = s.guest(guest).orElseThrow(() -> new AssertionError("the lab has no guest " + guest));
        assertEquals(1, g.nics().size(), guest + "'s NICs");
        return g.nics().get(0);
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static String prefix(String ip) {
        return ip.substring(0, ip.lastIndexOf('.') + 1);
    }

    /** What a change and its undo must agree on: configuration, not counters, leases or timing. */
    static final class LabState {
        private LabState() {
        }

        static List<String> of(HostSnapshot s) {
            List<String> lines = new ArrayList<>();
            s.links().forEach(l -> lines.add("link " + l.name() + " " + l.kind().json() + " master="
                            + l.master().orElse("-") + " up=" + l.adminUp() + " mtu=" + l.mtu() + " mac="
                            + l.mac().orElse("-") + " " + l.addresses()));
            s.routes().forEach(r -> lines.add("route " + r));
            s.networks().forEach(n -> lines.add("network " + n.name() + " active=" + n.active() + " " + n.mode().json()
                    + " " + n.bridge().orElse("-") + " " + n.devices() + " " + n.ips()));
            s.guests().forEach(g -> g.nics().forEach(n -> lines.add("nic " + g.name() + " " + n.mac() + " "
                    + n.type().json() + ":" + n.source().orElse("-") + " link=" + n.linkUp())));
            lines.add("ip_forward " + s.kernel().ipForward());
            s.firewall().rules().stream().filter(r -> r.comment().filter(c -> c.startsWith("virtwire")).isPresent())
                    .forEach(r -> lines.add("rule " + r.text()));
            return lines.stream().sorted().toList();
        }
    }
}
