package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.FirewallIntent;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.change.RouteIntent;
import dev.virtwire.change.SysctlIntent;
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
 * confirmation is reverted by the host-side watchdog; confirmed, it stays.
 */
@LabTest
@LabUpOncePerClass // each test undoes or heals what it did, most check it
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

            changes.apply(changes.plan(new GuestIntent.SwitchToBridged("g1", mac, NONE)));
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.guestPings("g1", lab.lanHost())), () -> "g1 does not reach the LAN host " + lab.lanHost()
                    + "\nconsole:\n" + lab.console("g1"));
            assertTrue(lab.guestIp("g1").startsWith(prefix(lab.lanGateway())), lab.guestIp("g1"));

            changes.apply(changes.plan(new GuestIntent.SwitchToNat("g1", mac, NONE)));
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.guestPings("g1", lab.internet())), () -> "g1 is not back behind NAT\nconsole:\n" + lab.console("g1"));
            assertTrue(lab.guestIp("g1").startsWith("192.168.122."), lab.guestIp("g1"));
            assertEquals(before, LabState.of(host.snapshot()));
        }
    }

    /** A change to apply and undo, after setup changes it needs (undone after it). */
    private record Case(List<Intent> setup, Intent intent) {
        static Case of(Intent intent, Intent... setup) {
            return new Case(List.of(setup), intent);
        }
    }

    @Test
    void everyKindOfChangeAppliedThenUndoneLeavesTheLabAsItWas() {
        List<String> failures = new ArrayList<>();
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            HostSnapshot s = host.snapshot();
            String g1 = onlyNic(s, "g1").mac();
            GuestNic g3 = onlyNic(s, "g3");
            String g3tap = g3.target().orElseThrow();
            Intent testBridge = new LinkIntent.CreateBridge("vwtest1", false, 15);
            Intent testNetwork = new NetworkIntent.CreateNetwork("vwtest-nat", NetworkMode.NAT, NONE,
                    Optional.of("192.168.231.1/24"), Optional.of("192.168.231.100"), Optional.of("192.168.231.200"), NONE);
            Intent reservation = new NetworkIntent.AddDhcpHost("default", "52:54:00:aa:bb:01", "192.168.122.240",
                    Optional.of("vwtest"));
            Intent forward = new FirewallIntent.AddPortForward("tcp", 18080, lab.guestIp("g1"), 80);
            List<Case> cases = List.of(
                    Case.of(new GuestIntent.AttachNic("g3", g3.mac(), NicType.NETWORK, "default", Scope.BOTH)),
                    Case.of(new GuestIntent.SetNicLink("g1", g1, false)),
                    Case.of(new LinkIntent.CreateBridge("vwtest0", true, 4)),
                    Case.of(new LinkIntent.DeleteBridge("vwtest1"), testBridge),
                    Case.of(new LinkIntent.SetLinkMaster(g3tap, Optional.of("vwtest1")), testBridge),
                    Case.of(new LinkIntent.SetLinkUp("eth1", false)),
                    Case.of(new LinkIntent.SetLinkMtu("br0", 1400)),
                    Case.of(new SysctlIntent.SetIpForward(false)),
                    Case.of(testNetwork),
                    Case.of(new NetworkIntent.DeleteNetwork("vwtest-nat"), testNetwork),
                    Case.of(new NetworkIntent.CreateNetwork("vwtest-br", NetworkMode.BRIDGE, Optional.of("br0"), NONE, NONE,
                            NONE, NONE)),
                    Case.of(new NetworkIntent.CreateNetwork("vwtest-vepa", NetworkMode.VEPA, NONE, NONE, NONE, NONE,
                            Optional.of("eth0"))),
                    Case.of(reservation),
                    Case.of(new NetworkIntent.RemoveDhcpHost("default", "52:54:00:aa:bb:01"), reservation),
                    Case.of(forward),
                    Case.of(new FirewallIntent.RemovePortForward("tcp", 18080, lab.guestIp("g1"), 80), forward),
                    Case.of(new NetworkIntent.SetNetworkMode("isolated", NetworkMode.OPEN, NONE, NONE, NONE)),
                    Case.of(new NetworkIntent.SetNetworkMode("default", NetworkMode.ROUTE, NONE, NONE, NONE)),
                    Case.of(new NetworkIntent.SetNetworkActive("routed", false)));
            // A case's state at its start is the one read at the end of the case before (nothing runs in between),
            // and with no setup it is also the state its round trip starts from: each is read once (a snapshot of the
            // lab costs a second or more on a loaded machine, and this test took six a case)
            List<String> initial = LabState.of(host.snapshot());
            for (Case c : cases) {
                try {
                    for (Intent setup : c.setup()) {
                        changes.apply(changes.plan(setup));
                    }
                    roundTrip(host, changes, c.intent(), c.setup().isEmpty() ? initial : LabState.of(host.snapshot()),
                            failures);
                    for (int i = 0; i < c.setup().size(); i++) {
                        changes.undo();
                    }
                    List<String> end = LabState.of(host.snapshot());
                    if (!initial.equals(end)) {
                        failures.add(c.intent().describe() + ": after undoing its setup the lab differs:\n  before only: "
                                + minus(initial, end) + "\n  after only:  " + minus(end, initial));
                    }
                    initial = end;
                } catch (RuntimeException e) {
                    failures.add(c.intent().describe() + ": " + e.getMessage());
                    initial = LabState.of(host.snapshot());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Apply (the lab must change), undo (it must be as before), redo (as after), undo again. {@code before}: the
     * lab's state read right before.
     */
    private static void roundTrip(Host host, Changes changes, Intent intent, List<String> before,
                                  List<String> failures) {
        HistoryEntry applied = changes.apply(changes.plan(intent));
        if (applied.status() == HistoryEntry.Status.AWAITING_CONFIRMATION) {
            changes.confirm();
        }
        List<String> after = LabState.of(host.snapshot());
        if (before.equals(after)) {
            failures.add(intent.describe() + ": applying it changed nothing visible");
        }
        assertEquals(HistoryEntry.Status.UNDONE, changes.undo().status());
        List<String> undone = LabState.of(host.snapshot());
        if (!before.equals(undone)) {
            failures.add(intent.describe() + ": after undo the lab differs:\n  before only: " + minus(before, undone)
                    + "\n  after only:  " + minus(undone, before));
        }
        changes.redo();
        changes.awaitingConfirmation().ifPresent(x -> changes.confirm());
        List<String> redone = LabState.of(host.snapshot());
        if (!after.equals(redone)) {
            failures.add(intent.describe() + ": after redo the lab differs from after apply:\n  apply only: "
                    + minus(after, redone) + "\n  redo only:  " + minus(redone, after));
        }
        changes.undo();
    }

    /** The troubleshooter's fixes for these faults are intents; they must work on the real host. */
    @Test
    void fixesForInjectedFaultsWorkThroughTheChangeLayer() {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            // the first snapshot after opening may use kernel reads started at opening (LibvirtHost's prefetch,
            // up to 1 s old): take it before the fault, so that the plan sees the fault
            host.snapshot();
            withFault("ip-forward-off", () -> {
                apply(changes, new SysctlIntent.SetIpForward(true));
                assertTrue(Eventually.within(Duration.ofSeconds(30), () -> lab.guestPings("g1", lab.internet())), "g1 reaches the internet again with ip_forward on");
            });
            withFault("network-inactive", () -> {
                apply(changes, new NetworkIntent.SetNetworkActive("default", true));
                String tap = onlyNic(host.snapshot(), "g1").target().orElseThrow();
                assertEquals(Optional.of("virbr0"), host.snapshot().link(tap).orElseThrow().master(),
                        "g1's tap is back on the restarted network's bridge");
                assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.guestPings("g1", lab.internet())), "g1 reaches the internet after the network started again");
            });
            dev.virtwire.model.Route defaultRoute = host.snapshot().routes().stream()
                    .filter(dev.virtwire.model.Route::isDefault).findFirst().orElseThrow();
            withFault("uplink-down", () -> {
                apply(changes, new LinkIntent.SetLinkUp("eth0", true));
                apply(changes, new RouteIntent.AddRoute("default", defaultRoute.gateway(), "eth0",
                        defaultRoute.metric().isPresent() ? Optional.of(defaultRoute.metric().getAsInt()) : Optional.empty()));
                assertTrue(Eventually.within(Duration.ofSeconds(30), () -> lab.exec("ping", "-c", "1", "-W", "2",
                        lab.internet()).ok()), "the lab host reaches the internet again");
            });
        }
    }

    /** Injects the fault, runs the fix, heals (also when the fix failed). */
    private void withFault(String fault, Runnable fix) {
        lab.fault(fault);
        try {
            fix.run();
        } finally {
            lab.heal();
        }
    }

    @Test
    void aPortForwardCarriesTrafficFromTheLanToAGuestBehindNat() {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            String guestIp = lab.guestIp("g1");
            String hostIp = host.snapshot().defaultRouteLink().orElseThrow().addresses().get(0).split("/")[0];
            // the same folder as any server an earlier test left running: that one then serves this page
            CommandResult httpd = lab.serveFromGuest("g1", "virtwire-fwd-ok");
            assertTrue(httpd.ok(), httpd::describe);
            try {
                apply(changes, new FirewallIntent.AddPortForward("tcp", 18081, guestIp, 80));
                assertTrue(changes.portForwards().stream().anyMatch(f -> f.hostPort() == 18081), "listed");
                assertTrue(Eventually.within(Duration.ofSeconds(20), () -> lab.execIn(lab.lanHostNetns(), "curl", "-s",
                        "--max-time", "3", "http://" + hostIp + ":18081/").stdout().contains("virtwire-fwd-ok")),
                        "the LAN host reaches g1's web server through the host's port 18081");
                changes.undo();
                assertTrue(changes.portForwards().stream().noneMatch(f -> f.hostPort() == 18081), "gone");
                assertTrue(!lab.execIn(lab.lanHostNetns(), "curl", "-s", "--max-time", "3", "http://" + hostIp
                        + ":18081/").stdout().contains("virtwire-fwd-ok"), "after undo the port is closed again");
            } finally {
                lab.guestExec("g1", "sh", "-c", "killall httpd; true");
            }
        }
    }

    /** Applies and, for a risky change under the revert timer, confirms. */
    private static void apply(Changes changes, Intent intent) {
        HistoryEntry entry = changes.apply(changes.plan(intent));
        if (entry.status() == HistoryEntry.Status.AWAITING_CONFIRMATION) {
            changes.confirm();
        }
    }

    @Test
    void bridgingTheUplinkWithoutConfirmationIsRevertedByTheHost() {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            HostSnapshot before = host.snapshot();
            List<String> state0 = LabState.of(before);
            String uplink = before.defaultRouteLink().map(Link::name).orElseThrow();

            HistoryEntry entry = changes.apply(changes.plan(new LinkIntent.BridgeUplink(uplink, "vwbr0", true, 10)));
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

    @Test
    void bridgingTheUplinkWithConfirmationStaysAndUndoPutsTheAddressBack() throws InterruptedException {
        try (Host host = Hosts.open(address); Changes changes = new Changes(host, address, state)) {
            HostSnapshot before = host.snapshot();
            List<String> state0 = LabState.of(before);
            String uplink = before.defaultRouteLink().map(Link::name).orElseThrow();

            LinkIntent.BridgeUplink bridging = new LinkIntent.BridgeUplink(uplink, "vwbr0", true, 10);
            long armedBy = System.nanoTime(); // the watchdog's timer starts during apply: its deadline is before
            changes.apply(changes.plan(bridging));
            assertEquals(HistoryEntry.Status.APPLIED, changes.confirm().status());
            // past the timer: the watchdog must not revert. It is `sleep 10` then the revert (a few ip commands),
            // so 4 s past the latest deadline is past its revert too (it waited 15 s after the confirm before)
            long pastTheTimer = armedBy + Duration.ofSeconds(bridging.confirmWithinSeconds() + 4).toNanos();
            Thread.sleep(Math.max(0, (pastTheTimer - System.nanoTime()) / 1_000_000L));
            assertEquals("vwbr0", host.snapshot().defaultRouteLink().map(Link::name).orElseThrow(), "it stays");
            assertTrue(lab.exec("ping", "-c", "1", "-W", "2", lab.lanGateway()).ok(), "the host reaches the LAN");

            changes.undo();
            assertEquals(uplink, host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            assertEquals(state0, LabState.of(host.snapshot()));
            assertTrue(lab.exec("ping", "-c", "1", "-W", "2", lab.lanGateway()).ok(), "and again after undo");
        }
    }

    private static GuestNic onlyNic(HostSnapshot s, String guest) {
        Guest g = s.guest(guest).orElseThrow(() -> new AssertionError("the lab has no guest " + guest));
        assertEquals(1, g.nics().size(), guest + "'s NICs");
        return g.nics().get(0);
    }

    static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static String prefix(String ip) {
        return ip.substring(0, ip.lastIndexOf('.') + 1);
    }

    /**
     * What a change and its undo must agree on: configuration, not counters, leases or timing. Other test
     * runs share the lab and add their own links, networks and guests (named vw...): those are left out.
     */
    static final class LabState {
        private LabState() {
        }

        static boolean ours(String name) {
            return !name.startsWith("vw") || name.startsWith("vwtest") || name.startsWith("vwbr")
                    || name.startsWith("vnet");
        }

        static List<String> of(HostSnapshot s) {
            List<String> lines = new ArrayList<>();
            s.links().stream().filter(l -> ours(l.name())).forEach(l -> lines.add("link " + l.name() + " " + l.kind().json() + " master="
                            + l.master().orElse("-") + " up=" + l.adminUp() + " mtu=" + l.mtu() + " mac="
                            + l.mac().orElse("-") + " " + l.addresses()));
            s.routes().stream().filter(r -> r.device().map(LabState::ours).orElse(true))
                    .forEach(r -> lines.add("route " + r));
            s.networks().stream().filter(n -> ours(n.name())).forEach(n -> lines.add("network " + n.name() + " active=" + n.active() + " " + n.mode().json()
                    + " " + n.bridge().orElse("-") + " " + n.devices() + " " + n.ips()));
            s.guests().stream().filter(g -> ours(g.name())).forEach(g -> g.nics().forEach(n -> lines.add("nic " + g.name() + " " + n.mac() + " "
                    + n.type().json() + ":" + n.source().orElse("-") + " link=" + n.linkUp())));
            lines.add("ip_forward " + s.kernel().ipForward());
            s.firewall().rules().stream().filter(r -> r.comment().filter(c -> c.startsWith("virtwire")).isPresent())
                    .forEach(r -> lines.add("rule " + r.text()));
            return lines.stream().sorted().toList();
        }
    }
}
