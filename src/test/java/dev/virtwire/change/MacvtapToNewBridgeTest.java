package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RevertWatchdogOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NicType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's media guest sits on macvtap over eth0 (the host's uplink): one change moves it onto a new bridge
 * over eth0. The NIC leaves macvtap first (the kernel does not bridge a NIC with a macvtap on it), then eth0 is
 * bridged under the revert timer; a failure anywhere takes everything back, and one undo does too.
 */
class MacvtapToNewBridgeTest {
    static final HostAddress SIM = new HostAddress("sim:///macvtap-bridge", new Target.Local());
    static final String MEDIA_MAC = "52:54:00:3a:10:06";
    static final Intent FIX = new GuestIntent.MacvtapToNewBridge("media", MEDIA_MAC, "br-eth0", 60);

    @TempDir
    Path state;

    @Test
    void theNicLeavesMacvtapBeforeEth0IsBridgedAndOnlyTheBridgingIsUnderTheTimer() {
        SimulatedHost demo = SimulatedHost.demo();
        Plan plan = new Planner(demo.snapshot(), demo, SuggestedCommands.local()).plan(FIX);
        List<Operation> ops = plan.operations();
        assertEquals(List.of(BridgeOp.class, LinkUpOp.class, AttachNicOp.class, RevertWatchdogOp.class,
                LinkMasterOp.class), ops.subList(0, 5).stream().map(Object::getClass).toList(), ops.toString());
        assertEquals(new AttachNicOp("media", MEDIA_MAC, NicType.BRIDGE, "br-eth0", NicType.DIRECT, "eth0",
                dev.virtwire.host.Scope.BOTH), ops.get(2));
        assertEquals(new BridgeOp("br-eth0", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT,
                java.util.Optional.of("3c:ec:ef:4a:10:20"), true), ops.get(0), "the bridge takes eth0's MAC");
        RevertWatchdogOp timer = (RevertWatchdogOp) ops.get(3);
        assertEquals(60, timer.seconds());
        assertEquals(ops.size() - 4, timer.batch().size(), "the timer takes back every step after it: "
                + timer.batch());
        assertTrue(timer.batch().stream().noneMatch(l -> l.contains("virsh") || l.contains("media")), timer.batch()
                .toString());
        assertTrue(plan.risky() && plan.needsConfirmation());

        String commands = String.join("\n", plan.commands());
        int bridge = commands.indexOf("ip link add name br-eth0 address 3c:ec:ef:4a:10:20 type bridge");
        int unplug = commands.indexOf("detach");
        int master = commands.indexOf("ip link set dev eth0 master br-eth0");
        assertTrue(bridge >= 0 && unplug > bridge && master > unplug, commands);
        assertTrue(commands.contains("ip route del default via 192.168.1.1 dev eth0 metric 100"), commands);
        assertTrue(commands.contains("ip address add 192.168.1.20/24 dev br-eth0 metric 100"), commands);
        assertTrue(commands.contains("ip route add default via 192.168.1.1 dev br-eth0 metric 100"), commands);
    }

    @Test
    void appliedAndConfirmedTheGuestIsOnTheBridgeAndOneUndoRestoresTheHost() {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            HistoryEntry entry = changes.apply(changes.plan(FIX));
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
            assertEquals(HistoryEntry.Status.APPLIED, changes.confirm().status());
            HostSnapshot after = host.snapshot();
            GuestNic nic = after.guest("media").orElseThrow().nic(MEDIA_MAC).orElseThrow();
            assertEquals(NicType.BRIDGE, nic.type());
            assertEquals("br-eth0", nic.source().orElseThrow());
            assertEquals("br-eth0", after.link("eth0").flatMap(Link::master).orElseThrow());
            assertEquals("br-eth0", after.defaultRouteLink().map(Link::name).orElseThrow());

            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()));
            assertEquals("nothing to undo", changes.undoBlockedReason().orElseThrow(), "one undo took it all back");
        }
    }

    static IntStream steps() {
        SimulatedHost demo = SimulatedHost.demo();
        return IntStream.rangeClosed(1, new Planner(demo.snapshot(), demo, SuggestedCommands.local()).plan(FIX).operations().size());
    }

    @ParameterizedTest(name = "failure at step {0}")
    @MethodSource("steps")
    void aFailureAtAnyStepTakesTheWholePlanBack(int k) {
        SimulatedHost sim = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(sim.snapshot());
        try (Changes changes = new Changes(new FailingHost(sim, k, false), SIM, state)) {
            Plan plan = changes.plan(FIX);
            ChangeFailed failed = assertThrows(ChangeFailed.class, () -> changes.apply(plan));
            assertEquals(plan.operations().get(k - 1).describe(), failed.failedStep());
            assertTrue(failed.hostUnchanged(), failed.getMessage());
            assertEquals(before, Snapshots.normalized(sim.snapshot()));
            assertEquals(HistoryEntry.Status.ROLLED_BACK, changes.history().get(0).status());
        }
    }

    /**
     * Unconfirmed, the host's timer takes back the bridging of eth0 (kernel steps only); the guest's move onto the
     * bridge stays applied in the history, so one undo brings the host back as it was.
     */
    @Test
    void unconfirmedTheHostRevertsTheBridgingAndUndoTakesBackTheRest() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(FIX);
            List<Operation> ops = new ArrayList<>(plan.operations());
            RevertWatchdogOp arm = (RevertWatchdogOp) ops.get(3);
            ops.set(3, new RevertWatchdogOp(arm.id(), 1, arm.batch(), true));
            changes.apply(new Plan(plan.intent(), plan.title(), ops));
            ConfirmOrRevertTest.waitUntil(() -> host.snapshot().link("eth0").flatMap(Link::master).isEmpty(),
                    Duration.ofSeconds(10));
            Thread.sleep(4000); // past the grace the history allows the host's timer
            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(late.getMessage().contains("too late") && late.getMessage().contains("undo takes them back"),
                    late.getMessage());
            HistoryEntry partly = changes.history().get(0);
            assertEquals(HistoryEntry.Status.APPLIED, partly.status(), partly.toString());
            assertTrue(partly.title().contains("partly"), partly.title());
            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()));
        }
    }

    @Test
    void refusedForANicNotOnMacvtapOrANicThatCarriesAnotherGuestsMacvtap() {
        SimulatedHost demo = SimulatedHost.demo();
        Planner planner = new Planner(demo.snapshot(), demo, SuggestedCommands.local());
        ChangeRefused notMacvtap = assertThrows(ChangeRefused.class, () -> planner.plan(
                new GuestIntent.MacvtapToNewBridge("web1", "52:54:00:3a:10:01", "br-eth0", 60)));
        assertTrue(notMacvtap.getMessage().contains("not on macvtap"), notMacvtap.getMessage());

        Link macvtap = demo.snapshot().link("macvtap0").orElseThrow();
        List<Link> links = new ArrayList<>(demo.snapshot().links());
        links.add(Link.of("macvtap1", macvtap.kind(), "52:54:00:3a:10:99", 1500, macvtap.state(), List.of())
                .withParent(macvtap.parent()));
        HostSnapshot two = demo.snapshot().withLinks(links);
        ChangeRefused shared = assertThrows(ChangeRefused.class, () -> new Planner(two, demo, SuggestedCommands.local()).plan(FIX));
        assertTrue(shared.getMessage().contains("other macvtaps too (macvtap1)"), shared.getMessage());
    }
}
