package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The history survives restarts, and an apply cut short by a killed process is found and rolled back. */
class JournalRecoveryTest {
    static final HostAddress SIM = new HostAddress("sim:///journal", new Target.Local());
    static final Intent UPLINK = new LinkIntent.BridgeUplink("eth0", "brlan", true, 60);

    @TempDir
    Path state;

    @Test
    void undoAndRedoWorkAfterARestart() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        HistoryEntry applied;
        try (Changes first = new Changes(host, SIM, state)) {
            applied = first.apply(first.plan(new GuestIntent.SwitchToBridged("web1", "52:54:00:3a:10:01", Optional.empty())));
            first.apply(first.plan(new FirewallIntent.AddPortForward("udp", 5353, "192.168.122.11", 53)));
        }
        assertTrue(Files.readString(new Changes(host, SIM, state).journalFile()).contains("switch-to-bridged"));
        HostSnapshot after = Snapshots.normalized(host.snapshot());
        try (Changes second = new Changes(host, SIM, state)) {
            List<HistoryEntry> history = second.history();
            assertEquals(2, history.size());
            assertEquals(applied, history.get(0));
            second.undo();
            second.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()));
        }
        try (Changes third = new Changes(host, SIM, state)) {
            third.redo();
            third.redo();
            assertEquals(after, Snapshots.normalized(host.snapshot()));
            assertEquals("nothing to redo", third.redoBlockedReason().orElseThrow());
        }
    }

    static IntStream steps() {
        return IntStream.rangeClosed(1, ExecutorRollbackTest.stepCount());
    }

    @ParameterizedTest(name = "killed at step {0}")
    @MethodSource("steps")
    void anApplyKilledMidPlanIsFoundAndRolledBackAtTheNextStart(int k) {
        SimulatedHost sim = SimulatedHost.demo();
        HostSnapshot before = Snapshots.normalized(sim.snapshot());
        Changes dying = new Changes(new FailingHost(sim, k, true), SIM, state);
        Plan plan = dying.plan(UPLINK);
        assertThrows(FailingHost.Killed.class, () -> dying.apply(plan));
        if (k > 2) {
            assertNotEquals(before, Snapshots.normalized(sim.snapshot()), "the host was left half-changed");
        }

        try (Changes restarted = new Changes(sim, SIM, state)) {
            HistoryEntry interrupted = restarted.interrupted().orElseThrow();
            assertEquals(HistoryEntry.Status.IN_PROGRESS, interrupted.status());
            ChangeRefused refused = assertThrows(ChangeRefused.class,
                    () -> restarted.apply(restarted.plan(new SysctlIntent.SetIpForward(false))));
            assertTrue(refused.getMessage().contains("recover"), refused.getMessage());
            assertTrue(restarted.undoBlockedReason().orElseThrow().contains("recover"));

            HistoryEntry recovered = restarted.recover();
            assertEquals(HistoryEntry.Status.RECOVERED, recovered.status());
            assertEquals(before, Snapshots.normalized(sim.snapshot()));
            assertTrue(restarted.interrupted().isEmpty());
        }
    }

    @Test
    void anInterruptedUndoLeavesTheChangeAppliedAfterRecovery() {
        SimulatedHost sim = SimulatedHost.demo();
        try (Changes changes = new Changes(sim, SIM, state)) {
            changes.apply(changes.plan(UPLINK));
            changes.confirm();
        }
        HostSnapshot applied = Snapshots.normalized(sim.snapshot());
        Changes dying = new Changes(new FailingHost(sim, 4, true), SIM, state);
        assertThrows(FailingHost.Killed.class, dying::undo);
        try (Changes restarted = new Changes(sim, SIM, state)) {
            assertTrue(restarted.interrupted().orElseThrow().title().startsWith("Undo: "));
            restarted.recover();
            assertEquals(applied, Snapshots.normalized(sim.snapshot()));
            assertEquals(HistoryEntry.Status.APPLIED, restarted.history().get(0).status());
            assertEquals(1, restarted.history().size());
            assertTrue(restarted.undoBlockedReason().isEmpty());
        }
    }

    @Test
    void everyIntentSurvivesTheJournal() throws Exception {
        for (Intent intent : RoundTripTest.intents().toList()) {
            String json = JournalJson.MAPPER.writeValueAsString(intent);
            assertEquals(intent, JournalJson.MAPPER.readValue(json, Intent.class), json);
        }
    }

    @Test
    void aDamagedJournalIsReportedWithWhatToDo() throws Exception {
        SimulatedHost sim = SimulatedHost.demo();
        Path file;
        try (Changes changes = new Changes(sim, SIM, state)) {
            file = changes.journalFile();
            changes.apply(changes.plan(new SysctlIntent.SetIpForward(false)));
        }
        Files.writeString(file, "{ not json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Changes(sim, SIM, state));
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
    }
}
