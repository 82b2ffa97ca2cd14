package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes that survive a reboot, on the lab host with NetworkManager (`lab up --netconf nm`), through Virtwire's
 * command line over ssh: the uplink bridged into a new bridge and a running guest moved there come back after
 * `lab reboot` (the bridge rebuilt by NetworkManager with the uplink's address and default route, the guest on
 * it with a LAN address, reaching the LAN host); undoing both and rebooting leaves NetworkManager's keyfiles byte
 * for byte and the running links as they were; a confirmation that never comes is rolled back by
 * NetworkManager's checkpoint and the host keeps its address; the bridge's MTU, left unconfirmed under its checkpoint
 * until after the reboot (which ends the checkpoint without a rollback), is confirmed then: the checkpoint never ran and
 * the MTU is kept. A bridge made through NetworkManager is made again by the reboot, and one made live only (the
 * plan says so) is gone after it; deleted through NetworkManager, the first stays deleted after the second reboot.
 */
@LabTest
@RebuildsTheLab
class SavedChangesLabTest {
    private static final String GUEST = "g1";
    private static final String GUEST_MAC = "52:54:00:77:00:01";
    private static final String KEYFILES = "/etc/NetworkManager/system-connections";
    private static final String BRIDGE = "brlan";
    private static final String SAVED_BRIDGE = "br7";
    private static final String LIVE_BRIDGE = "br8";
    private static final String MTU = "1400";
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;
    @TempDir
    Path state;
    @TempDir
    Path otherHistory;

    SavedChangesLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void networkManagerRollsBackAnUnconfirmedBridgingAndRebuildsAConfirmedOneAfterARebootAndUndoLeavesItsProfilesByteForByte()
            throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "nm");
        try {
            lab.useNetconf("nm");
            owned.ownedAndAChangeByHandIsNotSaved();
            String uri = lab.sshUri();
            // as NetworkManager brought the lab host up (a rollback may leave other route metrics until a reboot)
            String runningBefore = lab.runningLinks(BRIDGE);
            confirmationThatNeverComesIsRolledBackByTheCheckpoint(uri);
            Map<String, String> keyfilesBefore = keyfiles();

            CliRun bridged = cli(uri, "uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", "120",
                    "--move-mac", "--yes");
            assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
            CliRun confirmed = cli(uri, "confirm");
            assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
            long bridgedAt = System.nanoTime();
            assertTrue(keyfiles().containsKey(BRIDGE + ".nmconnection"), "the bridge is saved: " + keyfiles().keySet());
            CliRun moved = cli(uri, "attach", GUEST, "--nic", GUEST_MAC, "--to", "bridge:" + BRIDGE, "--yes");
            assertEquals(0, moved.code(), () -> moved.out() + moved.err());
            CommandResult autostart = lab.exec("virsh", "autostart", GUEST);
            assertTrue(autostart.ok(), autostart::describe);
            aSavedBridgeAndALiveOnlyOne(uri);
            // the uplink's bridge: its MTU is saved in its profile, under a checkpoint like every change to it, left
            // unconfirmed until after the reboot, which ends the checkpoint without a rollback
            long mtuStarted = System.nanoTime();
            String appliedMtuBefore = appliedMtu(BRIDGE);
            String linkBefore = lab.exec("ip", "-o", "link", "show", "dev", BRIDGE).stdout();
            CliRun mtu = cli(uri, "link", "mtu", BRIDGE, MTU, "--confirm-within", "300", "--yes");
            assertEquals(0, mtu.code(), () -> mtu.out() + mtu.err());
            assertTrue(mtu.out().contains("+mtu=" + MTU) && mtu.out().contains("nmcli connection load")
                    && mtu.out().contains("nmcli device reapply " + BRIDGE) && mtu.out().contains("CheckpointCreate"),
                    mtu.out());
            // NetworkManager applies what its profile says, so it never sets the old MTU again (re-applied, not
            // re-activated: the bridge stayed up, with its address and ports)
            assertEquals(MTU, appliedMtu(BRIDGE), "NetworkManager's applied MTU of " + BRIDGE);
            assertEquals(linkBefore.replaceAll(" mtu \\d+ ", " mtu " + MTU + " "), lab.exec("ip", "-o", "link",
                    "show", "dev", BRIDGE).stdout(), "only the MTU changed");
            System.out.printf("MTU saved and set: %d ms%n", (System.nanoTime() - mtuStarted) / 1_000_000L);
            nothingRevertedWithinAMinute(bridgedAt);

            long started = System.nanoTime();
            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            System.out.printf("lab reboot (nm, uplink bridged): %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            BridgedUplinkAfterReboot.check(lab, reboot, BRIDGE, GUEST);
            owned.rebuiltAsSaved(reboot);
            String rebuilt = lab.exec("ip", "-o", "link", "show", BRIDGE).stdout();
            assertTrue(rebuilt.contains(" mtu " + MTU + " "), "the saved MTU after the reboot: " + rebuilt);
            theCheckpointEndedByTheRebootNeverRanAndTheMtuIsKept(uri);
            theSavedBridgeIsBackTheLiveOneGoneAndTheSavedOneDeleted();

            CliRun undoMtu = cli(uri, "undo", "--yes");
            assertEquals(0, undoMtu.code(), () -> undoMtu.out() + undoMtu.err());
            assertEquals(appliedMtuBefore, appliedMtu(BRIDGE), "NetworkManager's applied MTU after undo");
            assertTrue(lab.exec("ip", "-o", "link", "show", "dev", BRIDGE).stdout().contains(" mtu 1500 "),
                    "the MTU " + BRIDGE + " ran with before");
            CliRun undoMove = cli(uri, "undo", "--yes");
            assertEquals(0, undoMove.code(), () -> undoMove.out() + undoMove.err());
            CliRun undoBridge = cli(lab.sshUri(), "undo", "--yes");
            assertEquals(0, undoBridge.code(), () -> undoBridge.out() + undoBridge.err());
            CommandResult again = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(again.ok(), again::describe);
            assertEquals(keyfilesBefore, keyfiles(), "NetworkManager's keyfiles as before, byte for byte");
            assertFalse(lab.exec("ip", "link", "show", SAVED_BRIDGE).ok(), "a deleted bridge stays deleted");
            assertEquals(runningBefore, lab.runningLinks(BRIDGE), "the lab host's links as before");
        } finally {
            owned.putBack();
            lab.exec("virsh", "autostart", "--disable", GUEST);
        }
    }

    /**
     * A bridge made through NetworkManager (its own profile), and one made live only, which the plan says is gone
     * after a reboot; in a history of their own (the test's undos take back the uplink's changes in turn).
     */
    private void aSavedBridgeAndALiveOnlyOne(String uri) {
        CliRun saved = Lab.cli(otherHistory, uri, "bridge", "create", SAVED_BRIDGE, "--yes");
        assertEquals(0, saved.code(), () -> saved.out() + saved.err());
        assertTrue(saved.out().contains("through NetworkManager"), saved.out());
        CliRun live = Lab.cli(otherHistory, uri, "bridge", "create", LIVE_BRIDGE, "--scope", "live", "--yes");
        assertEquals(0, live.code(), () -> live.out() + live.err());
        assertTrue(live.out().contains("live only: gone after reboot"), live.out());
        assertTrue(lab.exec("ip", "link", "show", SAVED_BRIDGE).ok() && lab.exec("ip", "link", "show", LIVE_BRIDGE)
                .ok(), "both bridges run");
    }

    /** After the reboot: NetworkManager made the saved bridge again, the live-only one is gone; then it is deleted. */
    private void theSavedBridgeIsBackTheLiveOneGoneAndTheSavedOneDeleted() {
        assertTrue(lab.exec("ip", "link", "show", SAVED_BRIDGE).ok(), "NetworkManager made " + SAVED_BRIDGE + " again");
        assertFalse(lab.exec("ip", "link", "show", LIVE_BRIDGE).ok(), "the live-only bridge is gone");
        CliRun deleted = Lab.cli(otherHistory, lab.sshUri(), "bridge", "delete", SAVED_BRIDGE, "--yes");
        assertEquals(0, deleted.code(), () -> deleted.out() + deleted.err());
        assertFalse(keyfiles().containsKey(SAVED_BRIDGE + ".nmconnection"), keyfiles().keySet().toString());
    }

    /**
     * Bridging the uplink with a confirmation that never comes: NetworkManager's checkpoint rolls it back by
     * itself (the new bridge and its profile go), and the host keeps its address.
     */
    private void confirmationThatNeverComesIsRolledBackByTheCheckpoint(String uri) {
        Map<String, String> keyfilesBefore = keyfiles();
        CliRun bridged = cli(uri, "uplink", "bridge", "eth0", "--bridge", BRIDGE, "--confirm-within", "30", "--yes");
        assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
        assertTrue(bridged.out().contains("CheckpointCreate"), bridged.out());
        assertTrue(Eventually.within(Duration.ofSeconds(60), () -> lab.exec("ip", "link", "show", BRIDGE).exitCode() != 0
                        && lab.exec("ip", "-o", "-4", "address", "show", "dev", "eth0").stdout().contains(lab.hostIp() + "/24")),
                () -> "not rolled back: " + lab.exec("ip", "-br", "address").stdout());
        assertEquals(keyfilesBefore.keySet(), keyfiles().keySet(), "the new profile is gone");
        System.out.println("after NetworkManager's rollback the keyfiles are " + (keyfilesBefore.equals(keyfiles())
                ? "byte for byte as before" : "as before by name, rewritten by NetworkManager"));
        assertTrue(lab.execIn(lab.lanHostNetns(), "ping", "-c", "1", "-W", "2", lab.hostIp()).ok(),
                "the host answers at its address again");
        assertTrue(Eventually.within(Duration.ofSeconds(15), () -> cli(uri, "history").out().contains("  reverted  ")),
                () -> "the history does not say it was reverted: " + cli(uri, "history").out());
    }

    /**
     * The reboot stopped NetworkManager before the MTU's checkpoint ran out: that ends a checkpoint without a rollback,
     * and its profile still says the MTU. The confirmation after it says so and keeps the change, never "reverted" or
     * "too late"; the history then shows it applied.
     */
    private void theCheckpointEndedByTheRebootNeverRanAndTheMtuIsKept(String uri) {
        long started = System.nanoTime();
        CliRun confirmed = cli(uri, "confirm");
        assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
        assertTrue(confirmed.out().contains("NetworkManager's checkpoint never ran (it ended before its deadline "
                + "without a rollback: NetworkManager or the host restarted)") && confirmed.out().contains("the change "
                + "still runs and is still saved") && confirmed.out().contains("It is kept as confirmed"),
                confirmed.out());
        assertFalse((confirmed.out() + confirmed.err()).matches("(?s).*(reverted|too late|rolled back).*"),
                confirmed.out() + confirmed.err());
        String history = cli(uri, "history").out();
        assertTrue(history.lines().anyMatch(l -> l.contains("MTU") && l.contains("  applied  ")), history);
        System.out.printf("confirmed after the reboot (checkpoint never ran): %d ms%n",
                (System.nanoTime() - started) / 1_000_000L);
    }

    /**
     * NetworkManager runs on after the changes made through it: for a minute after the uplink was bridged, looked
     * at every few seconds, it puts nothing back (eth0's address and master, the default route, the bridge, its
     * address and MTU stay as the changes left them).
     */
    private void nothingRevertedWithinAMinute(long bridgedAt) {
        String changed = changesRunning();
        long until = bridgedAt + Duration.ofSeconds(60).toNanos();
        int looks = 0;
        while (System.nanoTime() < until) {
            assertEquals(changed, changesRunning(), "NetworkManager changed it back after "
                    + (System.nanoTime() - bridgedAt) / 1_000_000_000L + " s");
            looks++;
            try {
                Thread.sleep(Math.max(0, Math.min(5_000, (until - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while watching NetworkManager", e);
            }
        }
        assertEquals(changed, changesRunning(), "NetworkManager changed it back within 60 s");
        System.out.printf("NetworkManager reverted nothing within 60 s (%d looks)%n", looks + 1);
    }

    /** What the changes made run as: the host's links, the bridge's address (its lifetimes aside) and MTU. */
    private String changesRunning() {
        String address = lab.exec("ip", "-o", "-4", "address", "show", "dev", BRIDGE).stdout()
                .replaceAll("\\s+", " ").replaceAll("valid_lft.*", "");
        String mtu = lab.exec("ip", "-o", "link", "show", "dev", BRIDGE).stdout().replaceAll(".* (mtu \\d+) .*", "$1");
        return lab.runningLinks(BRIDGE) + address + "\n" + mtu;
    }

    /**
     * The MTU in the settings NetworkManager applies to the device now (its applied connection, over D-Bus: nmcli
     * shows only the profile's), or "not set".
     */
    private String appliedMtu(String device) {
        String path = lab.exec("nmcli", "-g", "GENERAL.DBUS-PATH", "device", "show", device).stdout().strip();
        String applied = lab.exec("busctl", "call", "org.freedesktop.NetworkManager", path,
                "org.freedesktop.NetworkManager.Device", "GetAppliedConnection", "u", "0").stdout();
        int wired = applied.indexOf("\"802-3-ethernet\"");
        Matcher mtu = Pattern.compile("\"mtu\" u (\\d+)").matcher(applied);
        return wired >= 0 && mtu.find(wired) ? mtu.group(1) : "not set";
    }

    private CliRun cli(String uri, String... args) {
        return Lab.cli(state, uri, args);
    }

    /** NetworkManager's keyfiles in the lab host's /etc, by name, with their text. */
    private Map<String, String> keyfiles() {
        return lab.filesIn(KEYFILES);
    }
}
