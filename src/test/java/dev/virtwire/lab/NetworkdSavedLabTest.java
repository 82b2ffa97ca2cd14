package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges saved through systemd-networkd (`lab up --netconf networkd`), through Virtwire's command line over ssh:
 * a bridge made with its two files and networkctl reload, its MTU saved there, and the uplink bridged (confirmed,
 * over the very ssh connection it moves) with a running guest moved onto it, are made again by networkd after `lab
 * reboot` (the bridge with that MTU, the uplink's bridge with its address, the default route and eth0 as its port,
 * the guest on it with a LAN address, reaching the LAN host); undoing the MTU gives the bridge's file back byte for
 * byte and the MTU it replaced; undoing the uplink's bridging puts eth0's file back byte for byte with its address
 * on eth0, and undoing the creation deletes the bridge and leaves networkd's folder as it was; a second `lab
 * reboot` then builds the lab host as before (the same files, the same links). (Deleting a
 * bridge through networkd is what undoing its creation runs; NetworkdPlannerTest plans both.) First, the uplink's
 * bridging, never confirmed, is taken back by Virtwire's watchdog on the host.
 */
@LabTest
@RebuildsTheLab
class NetworkdSavedLabTest {
    private static final String UNITS = "/etc/systemd/network";
    private static final String BRIDGE = "br7";
    private static final String UPLINK_BRIDGE = "brlan";
    private static final String GUEST = "g1";
    private static final String GUEST_MAC = "52:54:00:77:00:01";
    /** The bridge's MTU, saved as MTUBytes= in its own .network file. */
    private static final String MTU = "1400";
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    /** The shortest time `--confirm-within` takes. */
    private static final String SHORTEST_CONFIRMATION = "10";
    /** That time, networkd's configuring the uplink again and room for a slow lab. */
    private static final Duration TAKEN_BACK = Duration.ofSeconds(40);
    private final Lab lab;
    @TempDir
    Path state;

    NetworkdSavedLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void aBridgeMadeThroughNetworkdSurvivesARebootAndUndoLeavesItsFilesAsBefore() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "networkd");
        try {
            lab.useNetconf("networkd");
            owned.ownedAndAChangeByHandIsNotSaved();
            Map<String, String> before = units();
            anUnconfirmedBridgingOfTheUplinkIsTakenBackByTheHost(before);
            String runningBefore = lab.runningLinks(UPLINK_BRIDGE);
            CliRun made = cli(lab.sshUri(), "bridge", "create", BRIDGE, "--yes");
            assertEquals(0, made.code(), () -> made.out() + made.err());
            assertTrue(made.out().contains("through systemd-networkd"), made.out());
            assertTrue(made.out().contains("networkctl reload"), made.out());
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "networkd made " + BRIDGE);
            Map<String, String> created = units();
            assertTrue(created.containsKey("60-virtwire-" + BRIDGE + ".netdev"), created.keySet().toString());
            CliRun mtu = cli(lab.sshUri(), "link", "mtu", BRIDGE, MTU, "--yes");
            assertEquals(0, mtu.code(), () -> mtu.out() + mtu.err());
            Map<String, String> saved = units();
            assertTrue(saved.get("60-virtwire-" + BRIDGE + ".network").contains("MTUBytes=" + MTU),
                    () -> "the MTU saved in the bridge's own file:\n" + saved);
            assertTrue(mtuOf(BRIDGE).equals(MTU), () -> "and set: " + mtuOf(BRIDGE));

            long bridging = System.nanoTime();
            CliRun bridged = cli(lab.sshUri(), "uplink", "bridge", "eth0", "--bridge", UPLINK_BRIDGE,
                    "--confirm-within", "120", "--yes");
            assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
            assertTrue(bridged.out().contains("networkctl reload"), bridged.out());
            CliRun confirmed = cli(lab.sshUri(), "confirm");
            assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
            String uplink = units().get("40-eth0.network");
            assertTrue(uplink.contains("Bridge=" + UPLINK_BRIDGE) && !uplink.contains("Address="), uplink);
            System.out.printf("uplink bridged through networkd and confirmed: %d ms%n",
                    (System.nanoTime() - bridging) / 1_000_000L);
            CliRun moved = cli(lab.sshUri(), "attach", GUEST, "--nic", GUEST_MAC, "--to", "bridge:" + UPLINK_BRIDGE,
                    "--yes");
            assertEquals(0, moved.code(), () -> moved.out() + moved.err());
            CommandResult autostart = lab.exec("virsh", "autostart", GUEST);
            assertTrue(autostart.ok(), autostart::describe);

            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "networkd made " + BRIDGE + " again at boot");
            assertEquals(MTU, mtuOf(BRIDGE), "networkd set the saved MTU of " + BRIDGE + " at boot");
            BridgedUplinkAfterReboot.check(lab, reboot, UPLINK_BRIDGE, GUEST);
            owned.rebuiltAsSaved(reboot);

            CliRun undoMove = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoMove.code(), () -> undoMove.out() + undoMove.err());
            long undoing = System.nanoTime();
            CliRun undoBridged = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoBridged.code(), () -> undoBridged.out() + undoBridged.err());
            assertEquals(saved, units(), "the uplink's file as before, byte for byte, the bridge's files gone");
            assertFalse(lab.exec("ip", "link", "show", UPLINK_BRIDGE).ok(), UPLINK_BRIDGE + " is deleted");
            String address = lab.exec("ip", "-o", "-4", "address", "show", "dev", "eth0").stdout();
            assertTrue(address.contains(lab.hostIp() + "/24"), "eth0 has its address again: " + address);
            System.out.printf("uplink's bridging undone: %d ms%n", (System.nanoTime() - undoing) / 1_000_000L);
            CliRun undoMtu = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoMtu.code(), () -> undoMtu.out() + undoMtu.err());
            assertEquals(created, units(), "the bridge's file without its MTU again, byte for byte");
            assertEquals("1500", mtuOf(BRIDGE), "the MTU it replaced");
            CliRun undoCreate = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoCreate.code(), () -> undoCreate.out() + undoCreate.err());
            // undoing the creation deletes the bridge through networkd (networkctl delete, its files gone): what a
            // reboot builds is what the files say, and they are as before
            assertEquals(before, units(), "networkd's files as before, byte for byte");
            assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is deleted");

            BridgedUplinkAfterReboot.undoneAllAndRebooted(lab, "networkd", this::units, before, runningBefore,
                    UPLINK_BRIDGE, GUEST);
        } finally {
            owned.putBack();
            lab.exec("virsh", "autostart", "--disable", GUEST);
        }
    }

    private String mtuOf(String link) {
        CommandResult shown = lab.exec("cat", "/sys/class/net/" + link + "/mtu");
        assertTrue(shown.ok(), shown::describe);
        return shown.stdout().strip();
    }

    /**
     * The uplink bridged through networkd over the ssh connection it moves and never confirmed (the shortest time the
     * command line takes): Virtwire's watchdog on the host takes it back by itself, the files byte for byte, the
     * bridge gone, eth0 with its address and the default route, and the connection still works (the history, read
     * over it, has the change as reverted). The uplink's MTU under the same watchdog passed here too, 22 s more, and
     * was left out for CI time: UplinkRevertScriptTest runs its program, NetworkdPlannerTest plans it.
     */
    private void anUnconfirmedBridgingOfTheUplinkIsTakenBackByTheHost(Map<String, String> before) {
        long started = System.nanoTime();
        CliRun bridged = cli(lab.sshUri(), "uplink", "bridge", "eth0", "--bridge", UPLINK_BRIDGE, "--confirm-within",
                SHORTEST_CONFIRMATION, "--yes");
        assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err()); // 0: bridged, and seen so
        assertTrue(bridged.out().contains("or the host reverts this change by itself"), bridged.out());
        assertTrue(Eventually.within(TAKEN_BACK, () -> before.equals(units()) && !lab.exec("ip", "link", "show",
                UPLINK_BRIDGE).ok() && uplinkAsBefore()), () -> "not taken back: " + units().keySet() + ", "
                + lab.exec("ip", "-o", "-4", "address", "show").stdout() + lab.exec("ip", "route").stdout());
        System.out.printf("unconfirmed bridging taken back by networkd's watchdog: %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);
        pastTheDeadline(bridged);

        CliRun history = cli(lab.sshUri(), "history");
        assertEquals(0, history.code(), () -> "the connection works: " + history.out() + history.err());
        assertEquals(1, history.out().lines().filter(l -> l.contains("  reverted  ")).count(), history.out());
    }

    /**
     * Waits until Virtwire takes the change for reverted by the host (a few seconds after the deadline the command
     * printed); until then it refuses another change while that one waits for confirmation.
     */
    private static void pastTheDeadline(CliRun change) {
        Matcher deadline = Pattern.compile("Confirm by (\\S+) with").matcher(change.out());
        assertTrue(deadline.find(), change.out());
        long wait = Duration.between(Instant.now(), Instant.parse(deadline.group(1)).plusSeconds(4)).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** eth0 with the lab host's address, in no bridge, and the default route through it. */
    private boolean uplinkAsBefore() {
        return lab.exec("ip", "-o", "-4", "address", "show", "dev", "eth0").stdout().contains(lab.hostIp() + "/24")
                && !lab.exec("ip", "-o", "link", "show", "eth0").stdout().contains(" master ")
                && lab.exec("ip", "route", "show", "default").stdout().contains("dev eth0");
    }

    private CliRun cli(String uri, String... args) {
        return Lab.cli(state, uri, args);
    }

    /** networkd's files in the lab host's /etc, by name, with their text (hidden staged files included). */
    private Map<String, String> units() {
        return lab.filesIn(UNITS);
    }
}
