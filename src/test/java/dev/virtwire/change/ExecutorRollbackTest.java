package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A failure at step k reverts steps 1..k-1 in reverse order and says so; the host ends as before. */
class ExecutorRollbackTest {
    static final HostAddress SIM = new HostAddress("sim:///rollback", new Target.Local());
    static final Intent UPLINK = new LinkIntent.BridgeUplink("eth0", "brlan", true, 60);

    @TempDir
    Path state;

    static IntStream steps() {
        return IntStream.rangeClosed(1, stepCount());
    }

    static int stepCount() {
        return new Planner(SimulatedHost.demo().snapshot(), SimulatedHost.demo(), dev.virtwire.host.SuggestedCommands.local()).plan(UPLINK).operations().size();
    }

    @ParameterizedTest(name = "failure at step {0}")
    @MethodSource("steps")
    void aFailedStepRevertsTheStepsBeforeIt(int k) {
        SimulatedHost sim = SimulatedHost.demo();
        FailingHost host = new FailingHost(sim, k, false);
        HostSnapshot before = Snapshots.normalized(sim.snapshot());
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(UPLINK);
            ChangeFailed failed = assertThrows(ChangeFailed.class, () -> changes.apply(plan));

            assertEquals(plan.operations().get(k - 1).describe(), failed.failedStep());
            assertEquals(k - 1, failed.reverted().size(), failed.getMessage());
            assertTrue(failed.hostUnchanged(), failed.getMessage());
            for (int i = 0; i < k - 1; i++) {
                assertEquals(plan.operations().get(k - 2 - i).describe(), failed.reverted().get(i), "reverse order");
            }
            assertTrue(failed.getMessage().contains("injected failure"), failed.getMessage());
            assertTrue(failed.getMessage().contains("as it was before"), failed.getMessage());
            assertEquals(before, Snapshots.normalized(sim.snapshot()));
            assertEquals(HistoryEntry.Status.ROLLED_BACK, changes.history().get(0).status());
            assertEquals("nothing to undo", changes.undoBlockedReason().orElseThrow());
        }
    }

    @Test
    void aStepThatFailsAfterTheTimeToConfirmRanOutSaysTheHostMayHaveTakenTheChangeBack() {
        assertTrue(Executor.ranOut(30, 29).isEmpty(), "in time: the step's own error says enough");
        String said = Executor.ranOut(30, 31).orElseThrow();
        assertTrue(said.contains("the 30 s to confirm had run out (31 s since it was armed)"), said);
        assertTrue(said.contains("--confirm-within"), said);
    }

    @Test
    void aFailedRestartOfANetworkIsRolledBack() {
        SimulatedHost sim = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(sim.snapshot());
        // define (1), stop (2), start (3) fails
        FailingHost host = new FailingHost(sim, 3, false);
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new NetworkIntent.SetNetworkMode("default", dev.virtwire.model.NetworkMode.ROUTE,
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
            ChangeFailed failed = assertThrows(ChangeFailed.class, () -> changes.apply(plan));
            assertTrue(failed.getMessage().contains("injected failure"), failed.getMessage());
        }
        // The definition step half-happened (defined, stopped): it is reverted as a whole.
        assertEquals(before.networks().stream().map(n -> n.name() + n.mode() + n.active()).sorted().toList(),
                sim.snapshot().networks().stream().map(n -> n.name() + n.mode() + n.active()).sorted().toList());
    }
}
