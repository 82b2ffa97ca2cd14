package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges saved through systemd-networkd (`lab up --netconf networkd`), through Virtwire's command line over ssh:
 * a bridge made with its two files and networkctl reload is made again by networkd after `lab reboot`; deleting it
 * removes bridge and files, undoing the delete writes them back byte for byte, and undoing the creation leaves
 * networkd's folder as it was, so that after another reboot the bridge stays gone.
 */
@LabTest
class NetworkdSavedLabTest {
    private static final String UNITS = "/etc/systemd/network";
    private static final String BRIDGE = "br7";
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    /** Longer than the lab's own wait for its guests (180 s), in which it restarts one that stopped answering. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;
    @TempDir
    Path state;

    NetworkdSavedLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void aBridgeMadeThroughNetworkdSurvivesARebootAndUndoLeavesItsFilesAsBefore() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "networkd");
        boolean passed = false;
        try {
            CommandResult up = lab.lab(UP_TIMEOUT, "up", "--netconf", "networkd");
            assertTrue(up.ok(), up::describe);
            owned.ownedAndAChangeByHandIsNotSaved();
            Map<String, String> before = units();
            CliRun made = cli(lab.sshUri(), "bridge", "create", BRIDGE, "--yes");
            assertEquals(0, made.code(), () -> made.out() + made.err());
            assertTrue(made.out().contains("through systemd-networkd"), made.out());
            assertTrue(made.out().contains("networkctl reload"), made.out());
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "networkd made " + BRIDGE);
            Map<String, String> saved = units();
            assertTrue(saved.containsKey("60-virtwire-" + BRIDGE + ".netdev"), saved.keySet().toString());

            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "networkd made " + BRIDGE + " again at boot");
            owned.rebuiltAsSaved(reboot);

            CliRun deleted = cli(lab.sshUri(), "bridge", "delete", BRIDGE, "--yes");
            assertEquals(0, deleted.code(), () -> deleted.out() + deleted.err());
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is deleted");
            assertEquals(before, units(), "its files are gone");
            CliRun undoDelete = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoDelete.code(), () -> undoDelete.out() + undoDelete.err());
            assertEquals(saved, units(), "undo wrote the files back byte for byte");
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is back");
            CliRun undoCreate = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoCreate.code(), () -> undoCreate.out() + undoCreate.err());
            assertEquals(before, units(), "networkd's files as before, byte for byte");

            CommandResult again = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(again.ok(), again::describe);
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), "an undone bridge stays gone after a reboot");
            passed = true;
        } finally {
            owned.putBack();
            CommandResult back = lab.lab(UP_TIMEOUT, "up", "--netconf", "none");
            if (passed) {
                assertTrue(back.ok(), back::describe);
            }
        }
    }

    private CliRun cli(String uri, String... args) {
        return Lab.cli(state, uri, args);
    }

    /** networkd's files in the lab host's /etc, by name, with their text (hidden staged files included). */
    private Map<String, String> units() {
        return lab.filesIn(UNITS);
    }
}
