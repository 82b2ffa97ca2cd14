package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges saved through ifupdown (`lab up --netconf ifupdown`), through Virtwire's command line over ssh: a bridge
 * made with a marked stanza at the end of /etc/network/interfaces and ifup is made again by `ifup -a` after `lab
 * reboot`; deleting it takes it down and the stanza out, undoing the delete writes the file back byte for byte, and
 * undoing the creation leaves /etc/network as it was, so that after another reboot the bridge stays gone.
 */
@LabTest
class IfupdownSavedLabTest {
    private static final String ETC = "/etc/network";
    private static final String BRIDGE = "br7";
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    /** Longer than the lab's own wait for its guests (180 s), in which it restarts one that stopped answering. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;
    @TempDir
    Path state;

    IfupdownSavedLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void aBridgeMadeThroughIfupdownSurvivesARebootAndUndoLeavesItsFileAsBefore() {
        boolean passed = false;
        try {
            CommandResult up = lab.lab(UP_TIMEOUT, "up", "--netconf", "ifupdown");
            assertTrue(up.ok(), up::describe);
            Map<String, String> before = files();
            CliRun made = cli("bridge", "create", BRIDGE, "--yes");
            assertEquals(0, made.code(), () -> made.out() + made.err());
            assertTrue(made.out().contains("through ifupdown"), made.out());
            assertTrue(made.out().contains("ifup " + BRIDGE), made.out());
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "ifup made " + BRIDGE);
            Map<String, String> saved = files();
            String interfaces = saved.get("interfaces");
            assertTrue(interfaces.startsWith(before.get("interfaces")), "every line of the file kept:\n" + interfaces);
            assertTrue(interfaces.contains("# virtwire: begin " + BRIDGE + "\n"), interfaces);

            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "ifup -a made " + BRIDGE + " again at boot");

            CliRun deleted = cli("bridge", "delete", BRIDGE, "--yes");
            assertEquals(0, deleted.code(), () -> deleted.out() + deleted.err());
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is deleted");
            assertEquals(before, files(), "its stanza is gone, the file as before");
            CliRun undoDelete = cli("undo", "--yes");
            assertEquals(0, undoDelete.code(), () -> undoDelete.out() + undoDelete.err());
            assertEquals(saved, files(), "undo wrote the file back byte for byte");
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is back");
            CliRun undoCreate = cli("undo", "--yes");
            assertEquals(0, undoCreate.code(), () -> undoCreate.out() + undoCreate.err());
            assertEquals(before, files(), "/etc/network as before, byte for byte");
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is gone");

            CommandResult again = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(again.ok(), again::describe);
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), "an undone bridge stays gone after a reboot");
            passed = true;
        } finally {
            CommandResult back = lab.lab(UP_TIMEOUT, "up", "--netconf", "none");
            if (passed) {
                assertTrue(back.ok(), back::describe);
            }
        }
    }

    private CliRun cli(String... args) {
        return Lab.cli(state, lab.sshUri(), args);
    }

    /** The lab host's /etc/network, by name, with each file's text (hidden staged files included). */
    private Map<String, String> files() {
        return lab.filesIn(ETC);
    }
}
