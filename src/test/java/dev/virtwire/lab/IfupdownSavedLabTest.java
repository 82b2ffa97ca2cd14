package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Undoing everything leaves /etc/network byte for byte and the running links as before. First, the uplink's
 * bridging, never confirmed, is taken back by Virtwire's watchdog on the host, and a confirmation after that says it
 * came too late. The bridging that stays had its timer killed and its files in /run/virtwire removed before the
 * deadline, as a restart does: its confirmation says the timer never ran and the change, still in place, is kept
 * (the undo at the end takes it back). After the undo, a second `lab reboot` builds the lab host as before: the
 * same file, the same links.
 * ifupdown2 (`lab up --netconf ifupdown2`: its unpacked package bound over ifupdown in the lab only, an interfaces file
 * in its syntax, bridge-ports): the uplink bridged through it and confirmed while the watchdog still runs (the timer
 * stopped, nothing taken back) comes back after `lab reboot` with the address and default route, the LAN host
 * reaching the lab host through it; undo leaves /etc/network byte for byte and the running links as before.
 */
@LabTest
@RebuildsTheLab
class IfupdownSavedLabTest {
    private static final String ETC = "/etc/network";
    private static final String GUEST = "g1";
    private static final String GUEST_MAC = "52:54:00:77:00:01";
    private static final String BRIDGE = "brlan";
    private static final String OWN = "br7";
    private static final String MTU = "1400";
    /** Where Virtwire's watchdogs keep their files on the host. */
    private static final String WATCHDOG_DIR = "/run/virtwire";
    /** The shortest time `--confirm-within` takes (UplinkPlanner.MIN_SECONDS). */
    private static final String SHORTEST_CONFIRMATION = "10";
    /** That time, ifupdown taking the bridge down and the uplink up again, and room for a slow lab. */
    private static final Duration TAKEN_BACK = Duration.ofSeconds(40);
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;
    @TempDir
    Path state;

    IfupdownSavedLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void theUplinkBridgedThroughIfupdownComesBackAfterARebootAndUndoLeavesTheFileByteForByte() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "ifupdown");
        try {
            lab.useNetconf("ifupdown");
            owned.ownedAndAChangeByHandIsNotSaved();
            Map<String, String> before = files();
            String runningBefore = lab.runningLinks(BRIDGE);
            anUnconfirmedBridgingIsTakenBackByTheHostAndALateConfirmSaysSo(before, runningBefore);

            String runBefore = lab.exec("ls", "-A", WATCHDOG_DIR).stdout();
            CliRun bridged = cli("uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", "120", "--yes");
            assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
            aRestartBeforeTheDeadlineTakesTheTimer(runBefore);
            CliRun confirmed = cli("confirm");
            assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
            assertTrue(confirmed.out().contains("never ran (the host restarted, or /run/virtwire was emptied, before "
                    + "the deadline)") && confirmed.out().contains("the change still runs and is still saved")
                    && confirmed.out().contains("It is kept as confirmed"), confirmed.out());
            assertFalse((confirmed.out() + confirmed.err()).contains("reverted"), confirmed.out() + confirmed.err());
            assertFalse(files().keySet().stream().anyMatch(n -> n.contains("-revert-")), "no kept copy left: "
                    + files().keySet());
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
            BridgedUplinkAfterReboot.undoneAllAndRebooted(lab, "ifupdown", this::files, before, runningBefore, BRIDGE,
                    GUEST);
        } finally {
            owned.putBack();
            lab.exec("virsh", "autostart", "--disable", GUEST);
        }
    }

    @Test
    void theUplinkBridgedThroughIfupdown2ComesBackAfterARebootAndUndoLeavesTheFileByteForByte() throws IOException {
        lab.useNetconf("ifupdown2");
        assertTrue(lab.exec("ifup", "--help").stdout().contains("--with-depends"), "ifup is ifupdown2's");
        assertTrue(lab.exec("ifreload", "--help").ok(), "ifreload is there");
        ownedByIfupdown2();
        Map<String, String> before = files();
        String runningBefore = lab.runningLinks(BRIDGE);

        long started = System.nanoTime();
        String runBefore = lab.exec("ls", "-A", WATCHDOG_DIR).stdout();
        CliRun bridged = cli("uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", "120", "--yes");
        assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
        assertTrue(bridged.out().contains("ifdown eth0, ifup " + BRIDGE), bridged.out());
        CliRun confirmed = cli("confirm");
        assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
        assertTrue(confirmed.out().contains("Confirmed"), confirmed.out());
        assertEquals(runBefore, lab.exec("ls", "-A", WATCHDOG_DIR).stdout(), "the timer stopped, its files gone");
        assertFalse(files().keySet().stream().anyMatch(n -> n.contains("-revert-")), files().keySet().toString());
        assertTrue(files().get("interfaces").contains("iface " + BRIDGE + " inet static\n    bridge_ports eth0\n"),
                files().get("interfaces"));
        carriesTheUplinkToTheLan();
        System.out.printf("uplink bridged through ifupdown2 and confirmed: %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);

        started = System.nanoTime();
        CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
        assertTrue(reboot.ok(), reboot::describe);
        System.out.printf("lab reboot (ifupdown2, uplink bridged): %d s%n",
                (System.nanoTime() - started) / 1_000_000_000L);
        carriesTheUplinkToTheLan();
        assertTrue(lab.exec("ip", "-o", "link", "show", "master", "br0").stdout().contains("eth1"),
                "br0 with its port again");

        started = System.nanoTime();
        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> undo.out() + undo.err());
        assertEquals(before, files(), "/etc/network as before, byte for byte");
        assertEquals(runningBefore, lab.runningLinks(BRIDGE), "the lab host's links as before");
        System.out.printf("uplink's bridging undone through ifupdown2: %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);
    }

    /** ifupdown2's links are read as ifupdown's: the same file, FILE:LINE of each stanza. */
    private void ownedByIfupdown2() throws IOException {
        JsonNode topology = LabTopology.read(lab.sshUri());
        for (String[] link : new String[][] {{"eth0", "5"}, {"br0", "12"}, {"eth1", "9"}}) {
            JsonNode l = LabTopology.link(topology, link[0]);
            assertEquals("ifupdown", l.path("manager").asText(), l::toString);
            assertEquals(ETC + "/interfaces:" + link[1], l.path("profile").asText(), l::toString);
            assertTrue(l.path("saved").asBoolean(), l::toString);
        }
    }

    /** The bridge with the uplink's address, route and port, up: the LAN host reaches the lab host through it. */
    private void carriesTheUplinkToTheLan() {
        BridgedUplinkAfterReboot.bridgeCarriesTheUplink(lab, BRIDGE);
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> lab.execIn(lab.lanHostNetns(), "ping", "-c", "1",
                "-W", "1", lab.hostIp()).ok()), "the LAN host reaches the lab host through " + BRIDGE);
    }

    /**
     * The uplink bridged through ifupdown over the ssh connection it moves and never confirmed (the shortest time the
     * command line takes): Virtwire's watchdog on the host takes it back by itself, /etc/network byte for byte (its
     * kept copy gone too), the running links as before and the host answering the LAN host again. A confirmation
     * that comes after that (before anything else asked Virtwire about it) says it is too late and the host reverted
     * it; the history, read over the connection, has that one change as reverted, and a confirmation after that
     * says the same again.
     */
    private void anUnconfirmedBridgingIsTakenBackByTheHostAndALateConfirmSaysSo(Map<String, String> before,
                                                                               String runningBefore) throws IOException {
        String runBefore = lab.exec("ls", "-A", WATCHDOG_DIR).stdout();
        long started = System.nanoTime();
        CliRun bridged = cli("uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", SHORTEST_CONFIRMATION,
                "--yes");
        assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err()); // 0: bridged, and seen so
        assertTrue(bridged.out().contains("or the host reverts this change by itself"), bridged.out());
        assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "bridged before the timer ran out: " + bridged.out());
        System.out.printf("uplink bridged through ifupdown, not to be confirmed: %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);
        assertTrue(Eventually.within(TAKEN_BACK, () -> before.equals(files())
                && runningBefore.equals(lab.runningLinks(BRIDGE))), () -> "not taken back: " + files() + "\n"
                + lab.runningLinks(BRIDGE) + "\nexpected\n" + runningBefore);
        System.out.printf("unconfirmed bridging taken back by ifupdown's watchdog: %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> lab.execIn(lab.lanHostNetns(), "ping", "-c", "1",
                "-W", "1", lab.hostIp()).ok()), "the LAN host reaches the lab host again");
        java.util.List<String> left = lab.exec("ls", "-A", WATCHDOG_DIR).stdout().lines()
                .filter(n -> !runBefore.lines().toList().contains(n)).toList();
        assertTrue(left.size() == 1 && left.get(0).endsWith(".batch.ran"),
                "the watchdog left only its mark that it ran in " + WATCHDOG_DIR + ": " + left);

        long confirming = System.nanoTime();
        CliRun late = cli("confirm");
        assertEquals(1, late.code(), () -> "too late to confirm: " + late.out() + late.err());
        assertFalse(late.out().contains("Confirmed"), late.out());
        assertTrue(late.err().contains("too late") && late.err().contains("the host has reverted it by itself"),
                late.err());
        assertEquals(runBefore, lab.exec("ls", "-A", WATCHDOG_DIR).stdout(), "the confirmation read the mark: gone");
        CliRun history = cli("history", "--json");
        assertEquals(0, history.code(), () -> "the connection works: " + history.out() + history.err());
        JsonNode entries = new ObjectMapper().readTree(history.out());
        assertEquals(1, entries.size(), history.out());
        assertEquals("reverted", entries.get(0).path("status").asText(), history.out());
        assertTrue(entries.get(0).path("note").asText().contains("not confirmed in time"), history.out());
        CliRun again = cli("confirm");
        assertEquals(1, again.code(), () -> again.out() + again.err());
        assertEquals(late.err(), again.err(), "the history marked it reverted: a confirmation still says too late");
        System.out.printf("late confirmations refused and the history read: %d ms%n",
                (System.nanoTime() - confirming) / 1_000_000L);
    }

    /**
     * What a restart of the lab host before the deadline does to the timer: its process killed (by its pid, with its
     * sleep), its files in /run/virtwire gone (only this timer's: the folder is shared with other lab runs' leftovers).
     */
    private void aRestartBeforeTheDeadlineTakesTheTimer(String runBefore) {
        String armed = lab.exec("ls", "-A", WATCHDOG_DIR).stdout().lines()
                .filter(n -> n.endsWith(".batch.armed") && !runBefore.lines().toList().contains(n)).findFirst()
                .orElseThrow(() -> new AssertionError("no armed timer in " + WATCHDOG_DIR));
        String batch = WATCHDOG_DIR + "/" + armed.substring(0, armed.length() - ".armed".length());
        // a pattern that matches the timer's argv but not its own (in the command line that runs pgrep)
        CommandResult timer = lab.exec("pgrep", "-f", "virtwire-watchdog [0-9]+ " + batch.replace(".batch", "[.]batch")
                + " ");
        assertTrue(timer.ok(), () -> "the timer runs: " + timer.describe());
        for (String pid : timer.stdout().lines().filter(l -> !l.isBlank()).toList()) {
            // the timer first: its sleep ended first would let it go on to revert
            java.util.List<String> sleep = lab.exec("pgrep", "-P", pid).stdout().lines().filter(l -> !l.isBlank())
                    .toList();
            CommandResult kill = lab.exec("kill", "-KILL", pid);
            assertTrue(kill.ok(), kill::describe);
            sleep.forEach(child -> lab.exec("kill", "-KILL", child));
        }
        CommandResult gone = lab.exec("rm", "-f", batch, batch + ".armed", batch + ".ran");
        assertTrue(gone.ok(), gone::describe);
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
