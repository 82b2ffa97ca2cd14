package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * `lab up --netconf netplan`: netplan's YAML, rendered for networkd, owns the lab host's eth0, br0 and eth1;
 * Virtwire, reading the lab host over ssh, names netplan and FILE:LINE of each, sees a change by hand (br0's MTU)
 * as not saved, and after `lab reboot` the bridge is built again as saved. NetworkManager, networkd and ifupdown
 * get the same check inside the tests that save changes through them (SavedChangesLabTest, NetworkdSavedLabTest,
 * IfupdownSavedLabTest), so the lab switches to each manager once. The lab goes back to its default after.
 */
@LabTest
class NetconfLabTest {
    /** Longer than the lab's own wait for its guests (180 s), in which it restarts one that stopped answering. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    /** The manager, libvirtd, and a guest booting under TCG and asking for a lease. */
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;

    NetconfLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void netplanOwnsThemFromItsYamlRenderedForNetworkd() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "netplan");
        boolean passed = false;
        try {
            long started = System.nanoTime();
            CommandResult up = lab.lab(UP_TIMEOUT, "up", "--netconf", "netplan");
            assertTrue(up.ok(), up::describe);
            System.out.printf("lab up --netconf netplan: %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            owned.ownedAndAChangeByHandIsNotSaved();
            started = System.nanoTime();
            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            System.out.printf("lab reboot (netplan): %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            owned.rebuiltAsSaved(reboot);
            passed = true;
        } finally {
            owned.putBack();
            CommandResult back = lab.lab(UP_TIMEOUT, "up", "--netconf", "none");
            if (passed) { // else the test's own failure is the one to see
                assertTrue(back.ok(), back::describe);
            }
        }
    }
}
