package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmation (or the journal's deadline check) that finds the uplink timer's armed file gone: the timer's mark
 * tells a timer that ran from one that never ran because the host restarted (or /run was emptied) before the deadline.
 * Mark present: too late, the host reverted it. Mark absent: never "reverted"; a fresh read says the change is still in
 * place and it is kept, with undo to take it back. Host unable to say: nothing claimed. The host's answers are scripted
 * at the saved-configuration port; everything else is the simulated host's.
 */
class RebootBeforeDeadlineTest {
    private static final HostAddress SIM = new HostAddress("sim:///reboot-gap", new Target.Local());
    private static final ConfigFile BEFORE = new ConfigFile("/etc/network/interfaces", "iface eth0 inet dhcp\n", "644",
            "root", "root");
    private static final ConfigFile AFTER = BEFORE.withText("iface brvw inet dhcp\n    bridge_ports eth0\n");

    @TempDir
    Path state;

    @Test
    void markPresentTheHostRevertedItTooLate() {
        Script host = new Script(Answer.RAN);
        try (Changes changes = changes(host, AFTER, 60)) {
            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(late.getMessage().startsWith("too late: 'Bridge the uplink' was not confirmed in time and the "
                    + "host has reverted it by itself"), late.getMessage());
            assertEquals(List.of("disarm t1", "ran? t1"), host.asked, "the mark was read");
            assertEquals(HistoryEntry.Status.REVERTED, changes.history().get(0).status());
        }
    }

    @Test
    void markAbsentTheTimerNeverRanAndTheChangeStillInPlaceIsKept() {
        Script host = new Script(Answer.NEVER_RAN);
        try (Changes changes = changes(host, AFTER, 60)) {
            HistoryEntry kept = changes.confirm();
            assertEquals(HistoryEntry.Status.APPLIED, kept.status());
            String note = kept.note().orElseThrow();
            assertTrue(note.startsWith("Virtwire's revert timer never ran"), note);
            assertTrue(note.contains(" never ran (the host restarted, or /run/virtwire was emptied, before the "
                    + "deadline), so it did not take the change back; read now: the change still runs and is still "
                    + "saved (its files as it wrote them). It is kept as confirmed; virtwire undo "), note);
            assertFalse(note.contains("reverted"), note);
            assertEquals(List.of("disarm t1", "ran? t1"), host.asked);
            assertFalse(changes.undoPlan().operations().isEmpty(), "undo takes it back");
        }
    }

    /** Nothing runs and the files are as before: gone, but not said to be reverted by the timer. */
    @Test
    void markAbsentAndTheChangeGoneIsSaidToBeGoneNotRevertedByTheHost() {
        Script host = new Script(Answer.NEVER_RAN);
        try (Changes changes = changes(host, BEFORE, 60)) {
            changesSim.kernel().deleteBridge("brvw"); // what a restart does to a bridge it was not told to make
            ChangeRefused gone = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(gone.getMessage().contains("never ran") && gone.getMessage().contains("the change is gone: it "
                    + "does not run and its files are as they were before it"), gone.getMessage());
            assertFalse(gone.getMessage().contains("too late"), gone.getMessage());
        }
    }

    @Test
    void aHostThatCannotSayIsToldAndTheChangeStillWaits() {
        Script host = new Script(Answer.UNREACHABLE);
        try (Changes changes = changes(host, AFTER, 60)) {
            HostException unknown = assertThrows(HostException.class, changes::confirm);
            assertTrue(unknown.getMessage().contains("is gone, but whether it ran (and took the change back) could "
                    + "not be read: ssh: connect to host lab port 22: Connection timed out"), unknown.getMessage());
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status());
        }
    }

    /** The journal's deadline check asks the host the same way, a few seconds after the deadline. */
    @Test
    void theDeadlineCheckNeverCallsItRevertedWithoutTheMark() throws InterruptedException {
        Script host = new Script(Answer.UNREACHABLE);
        try (Changes changes = changes(host, AFTER, 1)) {
            Thread.sleep(4_200); // the deadline and its grace
            assertTrue(changes.awaitingConfirmation().isPresent(), "unknown: still waiting");
            assertTrue(changes.history().get(0).note().orElseThrow().startsWith("its deadline passed; whether the "
                    + "host took it back is not known ("), changes.history().get(0).note().orElseThrow());
            host.answer = Answer.NEVER_RAN;
            assertTrue(changes.awaitingConfirmation().isEmpty());
            HistoryEntry entry = changes.history().get(0);
            assertEquals(HistoryEntry.Status.APPLIED, entry.status());
            assertTrue(entry.note().orElseThrow().contains(" never ran "), entry.note().orElseThrow());
            ChangeRefused confirm = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(confirm.getMessage().startsWith("no change waits for confirmation: 'Bridge the uplink': "
                    + "Virtwire's revert timer never ran"), confirm.getMessage());
        }
    }

    private SimulatedHost changesSim;

    /** The uplink bridged under the timer (which the script says is gone), with the manager's file reading so. */
    private Changes changes(Script script, ConfigFile fileNow, int seconds) {
        changesSim = SimulatedHost.demo();
        Changes changes = new Changes(new SimulatedHostSaving(changesSim, script, Map.of(BEFORE.path(), fileNow)), SIM,
                state);
        HistoryEntry entry = changes.apply(new Plan(new LinkIntent.BridgeUplink("eth0", "brvw", false, seconds,
                Optional.empty()), "Bridge the uplink", List.of(new UplinkWatchdogOp("t1", seconds, LinkOwner.IFUPDOWN,
                List.of(new ConfigFileChange(Optional.of(BEFORE), Optional.of(AFTER))), Optional.of("brvw"), "eth0",
                List.of(), true), new BridgeOp("brvw", BridgeSettings.KERNEL_DEFAULT, Optional.empty(), true))));
        assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
        return changes;
    }

    private enum Answer { RAN, NEVER_RAN, UNREACHABLE }

    /** The host's answers: the armed file is gone; whether the timer's mark is there is scripted. */
    private static final class Script implements SavedNetworkConfig {
        final List<String> asked = new ArrayList<>();
        volatile Answer answer;

        Script(Answer answer) {
            this.answer = answer;
        }

        @Override
        public void armUplinkRevert(String id, LinkOwner manager, List<ConfigFileChange> files,
                                    Optional<String> bridge, String nic, List<String> ipBatch, Duration after) {
        }

        @Override
        public boolean disarmUplinkRevert(String id, List<ConfigFileChange> files) {
            asked.add("disarm " + id);
            return false;
        }

        @Override
        public boolean uplinkRevertRan(String id, List<ConfigFileChange> files) {
            asked.add("ran? " + id);
            if (answer == Answer.UNREACHABLE) {
                throw new HostException("ssh: connect to host lab port 22: Connection timed out");
            }
            return answer == Answer.RAN;
        }

        @Override
        public void armCheckpoint(String id, Duration rollbackAfter) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public boolean destroyCheckpoint(String id) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public List<String> checkpoints() {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void writeFile(ConfigFile file, Optional<String> expected) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void requireUnchanged(String path, Optional<String> expected) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void removeFile(String path, Optional<String> expected) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void run(List<String> argv) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void swapNetworkd(List<ConfigFileChange> files, String bridge, String nic, boolean bridged,
                                 boolean netplan) {
            throw new UnsupportedOperationException("not part of confirming");
        }
    }
}
