package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.NmMtuOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmation (or the journal's deadline check) that finds NetworkManager's checkpoint gone. NetworkManager leaves
 * no mark of a rollback, and a restart of it or of the host before the deadline ends the checkpoint without one, its
 * saved profiles keeping the change. So the host is asked: NetworkManager still holding a checkpoint, not known (it may
 * still roll back); before the deadline, or with the profiles still as the change wrote them, it never ran and what
 * runs says the rest; after the deadline with the profiles put back, it rolled back. On 62b7cc2 every checkpoint gone
 * was "reverted by the host". The change is an MTU saved in br0's profile and set; NetworkManager's answers are
 * scripted at the saved-configuration port, everything else is the simulated host's.
 */
class CheckpointGoneTest {
    private static final HostAddress SIM = new HostAddress("sim:///checkpoint-gone", new Target.Local());
    private static final ConfigFile BEFORE = ConfigFile.privateToRoot(
            "/etc/NetworkManager/system-connections/br0.nmconnection",
            "[connection]\nid=br0\nuuid=5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e02\ntype=bridge\n");
    private static final ConfigFile AFTER = BEFORE.withText(BEFORE.text() + "\n[ethernet]\nmtu=1400\n");
    private static final String HELD = "/org/freedesktop/NetworkManager/Checkpoint/7";

    @TempDir
    Path state;
    private SimulatedHost sim;
    private int runs;

    @Test
    void aCheckpointEndedByARestartBeforeItsDeadlineNeverRanAndTheChangeStillInPlaceIsKept() {
        NetworkManager nm = new NetworkManager();
        try (Changes changes = changes(nm, 60)) {
            HistoryEntry kept = changes.confirm();
            assertEquals(HistoryEntry.Status.APPLIED, kept.status());
            String note = kept.note().orElseThrow();
            assertTrue(note.startsWith("NetworkManager's checkpoint never ran (it ended before its deadline without a "
                    + "rollback: NetworkManager or the host restarted), so it did not take the change back; read now: "
                    + "the change still runs and is still saved (its files as it wrote them). It is kept as "
                    + "confirmed; virtwire undo "), note);
            assertFalse(note.contains("reverted") || note.contains("rolled back"), note);
            assertEquals(List.of("destroy", "checkpoints?"), nm.asked);
            assertFalse(changes.undoPlan().operations().isEmpty(), "undo takes it back");
        }
    }

    /** The profile written back and the MTU set back: gone, but said so, never "too late" before the deadline. */
    @Test
    void beforeItsDeadlineAChangeGoneIsSaidToBeGoneNotRolledBackInTime() {
        NetworkManager nm = new NetworkManager();
        try (Changes changes = changes(nm, 60)) {
            nm.files.put(BEFORE.path(), BEFORE);
            sim.kernel().setLinkMtu("br0", 1500);
            ChangeRefused gone = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(gone.getMessage().startsWith("not confirmed: NetworkManager's checkpoint never ran (")
                    && gone.getMessage().contains("the change is gone: it does not run and its files are as they "
                    + "were before it"), gone.getMessage());
            assertEquals(HistoryEntry.Status.REVERTED, changes.history().get(0).status());
        }
    }

    /** Its record in /run/virtwire gone, the checkpoint may still run: nothing is claimed, the user is told what to do. */
    @Test
    void aCheckpointNetworkManagerStillHoldsIsToldAndTheChangeStillWaits() {
        NetworkManager nm = new NetworkManager();
        try (Changes changes = changes(nm, 60)) {
            nm.held = List.of(HELD);
            HostException held = assertThrows(HostException.class, changes::confirm);
            assertTrue(held.getMessage().startsWith("NetworkManager's checkpoint of 'Set the MTU' is not known to "
                    + "have ended: NetworkManager still holds " + HELD + "; if that is this change's, "
                    + "NetworkManager rolls the change back when it runs out. To keep the change, destroy it on the "
                    + "host as root (busctl call org.freedesktop.NetworkManager /org/freedesktop/NetworkManager "
                    + "org.freedesktop.NetworkManager CheckpointDestroy o " + HELD + ") and run virtwire confirm "),
                    held.getMessage());
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status());
        }
    }

    @Test
    void aNetworkManagerThatCannotBeAskedIsToldAndTheChangeStillWaits() {
        NetworkManager nm = new NetworkManager();
        try (Changes changes = changes(nm, 60)) {
            nm.unreachable = true;
            HostException unknown = assertThrows(HostException.class, changes::confirm);
            assertTrue(unknown.getMessage().equals("NetworkManager's checkpoint of 'Set the MTU' is gone, but whether "
                    + "NetworkManager still holds it could not be read: Call failed: Could not activate remote peer."),
                    unknown.getMessage());
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status());
        }
    }

    /**
     * After the deadline (the journal's deadline check): the profile still as the change wrote it means no rollback,
     * as NetworkManager's rollback writes it back; put back, it rolled back (too late, as before).
     */
    @Test
    void afterTheDeadlineTheProfilesSayWhetherItRolledBack() throws InterruptedException {
        NetworkManager kept = new NetworkManager();
        try (Changes changes = changes(kept, 1)) {
            Thread.sleep(4_200); // the deadline and its grace
            HistoryEntry entry = changes.history().get(0);
            assertEquals(HistoryEntry.Status.APPLIED, entry.status());
            assertTrue(entry.note().orElseThrow().startsWith("NetworkManager's checkpoint never ran ("),
                    entry.note().orElseThrow());
            ChangeRefused confirm = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(confirm.getMessage().startsWith("no change waits for confirmation: 'Set the MTU': "
                    + "NetworkManager's checkpoint never ran"), confirm.getMessage());
        }
        NetworkManager rolledBack = new NetworkManager();
        try (Changes changes = changes(rolledBack, 1)) {
            rolledBack.files.put(BEFORE.path(), BEFORE.withText(BEFORE.text() + "# rewritten by NetworkManager\n"));
            sim.kernel().setLinkMtu("br0", 1500);
            Thread.sleep(4_200);
            assertEquals(HistoryEntry.Status.REVERTED, changes.history().get(0).status());
            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(late.getMessage().startsWith("too late: 'Set the MTU' was not confirmed in time and the host "
                    + "has reverted it by itself"), late.getMessage());
        }
    }

    /** The MTU of br0 saved in its profile and set, under a checkpoint that NetworkManager no longer has. */
    private Changes changes(NetworkManager nm, int seconds) {
        sim = SimulatedHost.demo();
        Changes changes = new Changes(new SimulatedHostSaving(sim, nm, nm.files), SIM, state.resolve("run" + ++runs));
        HistoryEntry entry = changes.apply(new Plan(new LinkIntent.SetLinkMtu("br0", 1400), "Set the MTU",
                List.of(new CheckpointOp("cp-1", seconds, true), new NmMtuOp(new NmProfileOp("br0",
                        "5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e02", "br0", Optional.of(BEFORE), Optional.of(AFTER), true,
                        false, Optional.empty(), Optional.empty(), true), new LinkMtuOp("br0", 1400, 1500, true)))));
        assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
        nm.asked.clear();
        return changes;
    }

    /** NetworkManager's side: the keyfile as written (unless a test puts another), no checkpoint by Virtwire's id. */
    private static final class NetworkManager implements SavedNetworkConfig {
        final List<String> asked = new ArrayList<>();
        final Map<String, ConfigFile> files = new HashMap<>();
        volatile List<String> held = List.of();
        volatile boolean unreachable;

        @Override
        public void writeFile(ConfigFile file, Optional<String> expected) {
            files.put(file.path(), file);
        }

        @Override
        public void run(List<String> argv) {
        }

        @Override
        public void armCheckpoint(String id, Duration rollbackAfter) {
        }

        @Override
        public boolean destroyCheckpoint(String id) {
            asked.add("destroy");
            return false;
        }

        @Override
        public List<String> checkpoints() {
            asked.add("checkpoints?");
            if (unreachable) {
                throw new HostException("Call failed: Could not activate remote peer.");
            }
            return held;
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
        public void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void swapNetworkd(List<ConfigFileChange> files, String bridge, String nic, boolean bridged,
                                 boolean netplan) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public void armUplinkRevert(String id, LinkOwner manager, List<ConfigFileChange> files,
                                    Optional<String> bridge, String nic, List<String> ipBatch, Duration after) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public boolean disarmUplinkRevert(String id, List<ConfigFileChange> files) {
            throw new UnsupportedOperationException("not part of confirming");
        }

        @Override
        public boolean uplinkRevertRan(String id, List<ConfigFileChange> files) {
            throw new UnsupportedOperationException("not part of confirming");
        }
    }
}
