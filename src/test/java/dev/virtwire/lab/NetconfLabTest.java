package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `lab up --netconf nm|networkd|ifupdown|netplan`: the manager owns the lab host's eth0, br0 and eth1 through its profiles or
 * files in the lab's private /etc. Virtwire, reading the lab host over ssh (where its D-Bus and /etc are), names
 * the manager and profile or FILE:LINE of each and sees a change by hand (br0's MTU) as not saved; after
 * `lab reboot` the manager has built br0 again as saved and the guest bridged there is back on the LAN. The lab
 * goes back to its default after each.
 */
@LabTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetconfLabTest {
    /** Longer than the lab's own wait for its guests (180 s), in which it restarts one that stopped answering. */
    private static final java.time.Duration UP_TIMEOUT = java.time.Duration.ofMinutes(5);

    /** The lab's guest on br0. */
    private static final String BRIDGED_GUEST = "g2";
    /** The manager, libvirtd, and a guest booting under TCG and asking for a lease. */
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private final Lab lab;

    NetconfLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    @Order(1)
    void networkManagerOwnsTheUplinkTheBridgeAndItsPortAndAChangeByHandIsNotSaved() throws IOException {
        ownedAndDrift("nm", "NetworkManager", "lab-uplink", "lab-br0", "lab-br0-port");
    }

    @Test
    @Order(2)
    void networkdOwnsThemFromItsFilesInTheLabsEtc() throws IOException {
        ownedAndDrift("networkd", "systemd-networkd", "/etc/systemd/network/40-eth0.network:1",
                "/etc/systemd/network/20-br0.network:1", "/etc/systemd/network/30-eth1.network:1");
    }

    @Test
    @Order(3)
    void ifupdownOwnsThemFromTheLabsInterfacesFile() throws IOException {
        ownedAndDrift("ifupdown", "ifupdown", "/etc/network/interfaces:5", "/etc/network/interfaces:12",
                "/etc/network/interfaces:9");
    }

    @Test
    @Order(4)
    void netplanOwnsThemFromItsYamlRenderedForNetworkd() throws IOException {
        ownedAndDrift("netplan", "netplan", "/etc/netplan/01-lab.yaml:5", "/etc/netplan/01-lab.yaml:12",
                "/etc/netplan/01-lab.yaml:10");
    }

    private void ownedAndDrift(String netconf, String manager, String eth0, String br0, String eth1)
            throws IOException {
        boolean passed = false;
        try {
            long started = System.nanoTime();
            CommandResult up = lab.lab(UP_TIMEOUT, "up", "--netconf", netconf);
            assertTrue(up.ok(), up::describe);
            System.out.printf("lab up --netconf %s: %d s%n", netconf, (System.nanoTime() - started) / 1_000_000_000L);
            String uri = lab.sshUri();

            JsonNode topology = LabTopology.read(uri);
            assertOwned(topology, "eth0", manager, eth0);
            assertOwned(topology, "br0", manager, br0);
            assertOwned(topology, "eth1", manager, eth1);
            assertEquals("none", LabTopology.link(topology, "virbr0").path("manager").asText(),
                    "libvirt's bridge is its own");

            CommandResult mtu = lab.exec("ip", "link", "set", "br0", "mtu", "1400");
            assertTrue(mtu.ok(), mtu::describe);
            JsonNode changed = LabTopology.read(uri);
            JsonNode changedBr0 = LabTopology.link(changed, "br0");
            assertFalse(changedBr0.path("saved").asBoolean(), changedBr0::toString);
            assertEquals("mtu: running 1400, saved 1500", changedBr0.path("drift").path(0).asText(),
                    changedBr0::toString);
            assertTrue(LabTopology.link(changed, "eth0").path("saved").asBoolean(), "eth0 was not touched");

            // a reboot: the manager builds br0 again from what it saved, without the change by hand
            CommandResult autostart = lab.exec("virsh", "autostart", BRIDGED_GUEST);
            assertTrue(autostart.ok(), autostart::describe);
            started = System.nanoTime();
            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            System.out.printf("lab reboot (%s): %d s%n", netconf, (System.nanoTime() - started) / 1_000_000_000L);
            JsonNode rebooted = LabTopology.read(lab.sshUri());
            assertOwned(rebooted, "br0", manager, br0);
            assertEquals(1500, LabTopology.link(rebooted, "br0").path("mtu").asInt(),
                    "the MTU set by hand did not survive");
            String ips = Lab.parseEnv(reboot.stdout()).getOrDefault("LAB_GUEST_IPS", "");
            assertTrue(ips.contains(BRIDGED_GUEST + "=10.77.0."), () -> "the guest on br0 has no LAN address: " + ips);
            passed = true;
        } finally {
            lab.exec("virsh", "autostart", "--disable", BRIDGED_GUEST);
            lab.exec("ip", "link", "set", "br0", "mtu", "1500");
            CommandResult back = lab.lab(UP_TIMEOUT, "up", "--netconf", "none");
            if (passed) { // else the test's own failure is the one to see
                assertTrue(back.ok(), back::describe);
            }
        }
    }



    private static void assertOwned(JsonNode topology, String name, String manager, String profile) {
        JsonNode l = LabTopology.link(topology, name);
        assertEquals(manager, l.path("manager").asText(), l::toString);
        assertEquals(profile, l.path("profile").asText(), l::toString);
        assertTrue(l.path("saved").asBoolean(), l::toString);
    }

}
