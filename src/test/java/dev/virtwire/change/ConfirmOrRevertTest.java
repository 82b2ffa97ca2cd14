package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RevertWatchdogOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bridging the uplink: without confirmation the host reverts by itself; confirmed, it stays. */
class ConfirmOrRevertTest {
    static final HostAddress SIM = new HostAddress("sim:///confirm", new Target.Local());

    @TempDir
    Path state;

    /** The planned uplink bridging with a one-second timer, so the test need not wait the minimum of 10 s. */
    static Plan quick(Changes changes) {
        Plan plan = changes.plan(new LinkIntent.BridgeUplink("eth0", "brlan", true, 10));
        List<Operation> ops = new ArrayList<>(plan.operations());
        RevertWatchdogOp arm = (RevertWatchdogOp) ops.get(0);
        ops.set(0, new RevertWatchdogOp(arm.id(), 1, arm.batch(), true));
        return new Plan(plan.intent(), plan.title(), ops);
    }

    @Test
    void thePlanMovesAddressesAndRoutesAndIsRisky() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new LinkIntent.BridgeUplink("eth0", "brlan", true, 60));
            assertTrue(plan.risky());
            assertTrue(plan.needsConfirmation());
            assertTrue(plan.operations().get(0) instanceof RevertWatchdogOp, "the watchdog is armed first");
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.contains("ip link add name brlan address 3c:ec:ef:4a:10:20 type bridge"), commands);
            assertTrue(commands.contains("ip route del default via 192.168.1.1 dev eth0 metric 100"), commands);
            assertTrue(commands.contains("ip address add 192.168.1.20/24 dev brlan metric 100"), commands);
            assertTrue(commands.contains("    route del default via 192.168.1.1 dev brlan metric 100"),
                    "the revert batch undoes the last step first: " + commands);
        }
    }

    @Test
    void otherRiskyKernelChangesRunUnderTheTimerToo() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan down = changes.plan(new LinkIntent.SetLinkUp("eth0", false));
            assertTrue(down.risky());
            assertTrue(down.needsConfirmation());
            assertTrue(String.join("\n", down.commands()).contains("    link set dev eth0 up"), down.commands().toString());
            Plan harmless = changes.plan(new LinkIntent.SetLinkUp("eth1", false));
            assertTrue(!harmless.risky() && !harmless.needsConfirmation());
        }
    }

    @Test
    void withoutConfirmationTheHostRevertsByItself() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            HistoryEntry entry = changes.apply(quick(changes));
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
            HostSnapshot bridged = host.snapshot();
            assertEquals("brlan", bridged.defaultRouteLink().map(Link::name).orElseThrow());
            assertEquals(List.of("192.168.1.20/24"), bridged.link("brlan").orElseThrow().addresses());
            assertNotEquals(before, Snapshots.normalized(bridged));

            waitUntil(() -> before.equals(Snapshots.normalized(host.snapshot())), Duration.ofSeconds(10));
            assertEquals("eth0", host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            assertEquals(List.of("192.168.1.20/24"), host.snapshot().link("eth0").orElseThrow().addresses());

            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(late.getMessage().contains("too late"), late.getMessage());
            assertEquals(HistoryEntry.Status.REVERTED, changes.history().get(0).status());
            assertEquals("nothing to undo", changes.undoBlockedReason().orElseThrow());
        }
    }

    /**
     * A confirmation that comes once another command (the history, the window's refresh) has already marked the change
     * as reverted by the host still says it is too late and that the host reverted it; before, it said only that no
     * change waits for confirmation, which left the user to guess what became of theirs. After a newer change it does.
     */
    @Test
    void aConfirmationAfterTheHistoryMarkedItRevertedStillSaysTooLate() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            HistoryEntry entry = changes.apply(quick(changes));
            waitUntil(() -> before.equals(Snapshots.normalized(host.snapshot())), Duration.ofSeconds(10));
            waitUntil(() -> changes.history().get(0).status() == HistoryEntry.Status.REVERTED, Duration.ofSeconds(10));

            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertEquals("too late: '" + entry.title() + "' was not confirmed in time and the host has reverted it by "
                    + "itself", late.getMessage());
            assertEquals(HistoryEntry.Status.REVERTED, changes.history().get(0).status(), "the journal as it was");
            assertEquals(1, changes.history().size());

            changes.apply(changes.plan(new SysctlIntent.SetIpForward(false)));
            ChangeRefused none = assertThrows(ChangeRefused.class, changes::confirm);
            assertEquals("no change waits for confirmation", none.getMessage());
        }
    }

    @Test
    void confirmedInTimeItStays() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new LinkIntent.BridgeUplink("eth0", "brlan", false, 10));
            changes.apply(plan);
            assertTrue(changes.awaitingConfirmation().orElseThrow().deadline().isAfter(Instant.now()));
            ChangeRefused busy = assertThrows(ChangeRefused.class,
                    () -> changes.apply(changes.plan(new SysctlIntent.SetIpForward(false))));
            assertTrue(busy.getMessage().contains("waits for confirmation"), busy.getMessage());
            assertEquals(HistoryEntry.Status.APPLIED, changes.confirm().status());
            HostSnapshot confirmed = Snapshots.normalized(host.snapshot());
            assertEquals("brlan", host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            assertTrue(changes.undoBlockedReason().isEmpty());
            changes.undo();
            assertEquals("eth0", host.snapshot().defaultRouteLink().map(Link::name).orElseThrow());
            changes.redo();
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status(),
                    "redoing a risky change asks for confirmation again");
            changes.confirm();
            assertEquals(confirmed, Snapshots.normalized(host.snapshot()));
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
