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
 * Changes saved through ifupdown (`lab up --netconf ifupdown`), through Virtwire's command line over ssh. Bridging
 * the uplink, confirmed, with a running guest moved onto the bridge and a bridge of Virtwire's own made beside it
 * with an MTU saved in its stanza, all of it comes back after `lab reboot` (ifup -a makes both bridges, the second
 * with that MTU; the new one has the uplink's address and default route; the guest is on it with a LAN address and
 * reaches the LAN host).
 * Undoing everything leaves /etc/network byte for byte and the running links as before. (The watchdog that takes
 * back an unconfirmed bridging is ChangesLabTest's; a second reboot after the undo was left out for CI time.)
 */
@LabTest
class IfupdownSavedLabTest {
    private static final String ETC = "/etc/network";
    private static final String GUEST = "g1";
    private static final String GUEST_MAC = "52:54:00:77:00:01";
    private static final String BRIDGE = "brlan";
    private static final String OWN = "br7";
    private static final String MTU = "1400";
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
    void theUplinkBridgedThroughIfupdownComesBackAfterARebootAndUndoLeavesTheFileByteForByte() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "ifupdown");
        boolean passed = false;
        try {
            CommandResult up = lab.lab(UP_TIMEOUT, "up", "--netconf", "ifupdown");
            assertTrue(up.ok(), up::describe);
            owned.ownedAndAChangeByHandIsNotSaved();
            Map<String, String> before = files();
            String runningBefore = lab.runningLinks(BRIDGE);

            CliRun bridged = cli("uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", "120", "--yes");
            assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
            CliRun confirmed = cli("confirm");
            assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
            String interfaces = files().get("interfaces");
            assertTrue(interfaces.contains("iface " + BRIDGE + " inet static\n    bridge_ports eth0\n"), interfaces);
            CliRun own = cli("bridge", "create", OWN, "--yes");
            assertEquals(0, own.code(), () -> own.out() + own.err());
            assertTrue(own.out().contains("ifup " + OWN), own.out());
            assertTrue(files().get("interfaces").startsWith(interfaces), "every line kept: " + files().get("interfaces"));
            long mtuStarted = System.nanoTime();
            CliRun mtu = cli("link", "mtu", OWN, MTU, "--yes");
            assertEquals(0, mtu.code(), () -> mtu.out() + mtu.err());
            assertTrue(mtu.out().contains("+    mtu " + MTU), mtu.out());
            assertTrue(mtuOf(OWN).contains(" mtu " + MTU + " "), mtuOf(OWN));
            System.out.printf("MTU saved and set: %d ms%n", (System.nanoTime() - mtuStarted) / 1_000_000L);
            CliRun moved = cli("attach", GUEST, "--nic", GUEST_MAC, "--to", "bridge:" + BRIDGE, "--yes");
            assertEquals(0, moved.code(), () -> moved.out() + moved.err());
            CommandResult autostart = lab.exec("virsh", "autostart", GUEST);
            assertTrue(autostart.ok(), autostart::describe);

            long started = System.nanoTime();
            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            System.out.printf("lab reboot (ifupdown, uplink bridged): %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            BridgedUplinkAfterReboot.check(lab, reboot, BRIDGE, GUEST);
            owned.rebuiltAsSaved(reboot);
            assertTrue(lab.exec("ip", "link", "show", OWN).ok(), "ifup -a made " + OWN + " again at boot");
            assertTrue(mtuOf(OWN).contains(" mtu " + MTU + " "), "the saved MTU after the reboot: " + mtuOf(OWN));

            for (String undone : new String[] {"the guest's move", OWN + "'s MTU", OWN, "the uplink's bridging"}) {
                CliRun undo = cli("undo", "--yes");
                assertEquals(0, undo.code(), () -> undone + ": " + undo.out() + undo.err());
            }
            assertEquals(before, files(), "/etc/network as before, byte for byte");
            assertEquals(runningBefore, lab.runningLinks(BRIDGE), "the lab host's links as before");
            passed = true;
        } finally {
            owned.putBack();
            lab.exec("virsh", "autostart", "--disable", GUEST);
            CommandResult back = lab.lab(UP_TIMEOUT, "up", "--netconf", "none");
            if (passed) {
                assertTrue(back.ok(), back::describe);
            }
        }
    }

    private String mtuOf(String link) {
        return lab.exec("ip", "-o", "link", "show", link).stdout();
    }

    private CliRun cli(String... args) {
        return Lab.cli(state, lab.sshUri(), args);
    }

    /** The lab host's /etc/network, by name, with each file's text (hidden staged files included). */
    private Map<String, String> files() {
        return lab.filesIn(ETC);
    }
}
