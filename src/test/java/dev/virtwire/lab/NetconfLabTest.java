package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lab up --netconf netplan`: netplan's YAML, rendered for networkd, owns the lab host's eth0, br0 and eth1;
 * Virtwire, reading the lab host over ssh, names netplan and FILE:LINE of each, sees a change by hand (br0's MTU)
 * as not saved, and after `lab reboot` the bridge is built again as saved. A bridge Virtwire makes through netplan
 * (a YAML file of its own, netplan generate, networkctl reload) is netplan's, rendered into the lab host's /run
 * (never the machine's), and made again by that reboot, with the MTU saved in a second file of Virtwire's own;
 * undoing the MTU and then the bridge (which runs what deleting does: the file removed, netplan generate,
 * networkctl delete) leaves /etc/netplan as it was, byte for byte. Within the same reboot, the uplink bridged
 * through netplan (confirmed, over the very ssh connection it moves: the bridge's own YAML with eth0's address and
 * route, cut from the lab's YAML) is built again with the address, the default route and eth0 as its port; undoing
 * it puts the lab's YAML back byte for byte and the address on eth0.
 * NetworkManager, networkd and ifupdown get the ownership check inside the tests that save changes
 * through them (SavedChangesLabTest, NetworkdSavedLabTest, IfupdownSavedLabTest), so the lab switches to each
 * manager once. The lab goes back to its default after.
 */
@LabTest
@RebuildsTheLab
class NetconfLabTest {
    /** The manager, libvirtd, and a guest booting under TCG and asking for a lease. */
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private static final String NETPLAN = "/etc/netplan";
    private static final String BRIDGE = "br8";
    private static final String OWN = NETPLAN + "/90-virtwire-" + BRIDGE + ".yaml";
    private static final String UPLINK_BRIDGE = "brlan";
    private static final String UPLINK_OWN = "90-virtwire-" + UPLINK_BRIDGE + ".yaml";
    private static final String MTU = "1400";
    private final Lab lab;
    @TempDir
    Path state;

    NetconfLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void netplanOwnsThemFromItsYamlRenderedForNetworkd() throws IOException {
        ManagerOwnership owned = ManagerOwnership.of(lab, "netplan");
        try {
            lab.useNetconf("netplan");
            owned.ownedAndAChangeByHandIsNotSaved();
            String uri = lab.sshUri();
            long started = System.nanoTime();
            Map<String, String> before = lab.filesIn(NETPLAN);
            bridgeMadeThroughNetplan(uri, before);
            System.out.printf("bridge create through netplan: %d ms%n", (System.nanoTime() - started) / 1_000_000L);
            started = System.nanoTime();
            Map<String, String> madeFiles = lab.filesIn(NETPLAN);
            mtuSavedThroughNetplan(uri);
            System.out.printf("MTU saved and set through netplan: %d ms%n", (System.nanoTime() - started) / 1_000_000L);
            Map<String, String> withBridge = lab.filesIn(NETPLAN);
            started = System.nanoTime();
            uplinkBridgedThroughNetplan(uri);
            System.out.printf("uplink bridged through netplan and confirmed: %d ms%n",
                    (System.nanoTime() - started) / 1_000_000L);

            started = System.nanoTime();
            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            System.out.printf("lab reboot (netplan): %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            JsonNode rebooted = owned.rebuiltAsSaved(reboot);
            JsonNode made = LabTopology.link(rebooted, BRIDGE);
            assertEquals("netplan", made.path("manager").asText(), "netplan made it again at boot: " + made);
            assertTrue(made.path("profile").asText().startsWith(OWN + ":"), made::toString);
            assertTrue(made.path("saved").asBoolean(), made::toString);
            assertEquals(Integer.parseInt(MTU), made.path("mtu").asInt(), "the saved MTU after the reboot: " + made);
            BridgedUplinkAfterReboot.bridgeCarriesTheUplink(lab, UPLINK_BRIDGE);
            String eth0 = lab.exec("ip", "-o", "-4", "address", "show", "dev", "eth0").stdout();
            assertFalse(eth0.contains(lab.hostIp() + "/"), "eth0 rebuilt as a port, without the address: " + eth0);

            started = System.nanoTime();
            uplinkUnbridgedByteForByte(uri, withBridge);
            System.out.printf("uplink's bridging undone through netplan: %d ms%n",
                    (System.nanoTime() - started) / 1_000_000L);
            started = System.nanoTime();
            CliRun undoMtu = Lab.cli(state, uri, "undo", "--yes");
            assertEquals(0, undoMtu.code(), () -> undoMtu.out() + undoMtu.err());
            assertEquals(madeFiles, lab.filesIn(NETPLAN), "netplan's files as before the MTU, byte for byte");
            undoneByteForByte(uri, before);
            System.out.printf("undo through netplan: %d ms%n", (System.nanoTime() - started) / 1_000_000L);
        } finally {
            owned.putBack();
        }
    }

    /** Made through netplan: its own file (mode 600), rendered in the lab host's /run, the lab's YAML untouched. */
    private void bridgeMadeThroughNetplan(String uri, Map<String, String> before) {
        CliRun made = Lab.cli(state, uri, "bridge", "create", BRIDGE, "--yes");
        assertEquals(0, made.code(), () -> made.out() + made.err());
        assertTrue(made.out().contains("through netplan"), made.out());
        assertTrue(made.out().contains("netplan generate") && made.out().contains("networkctl reload"), made.out());
        assertTrue(lab.exec("ip", "link", "show", BRIDGE).ok(), "networkd made " + BRIDGE);
        assertEquals("600 root", lab.exec("stat", "-c", "%a %U", OWN).stdout().strip(), "mode and owner netplan asks");
        Map<String, String> saved = lab.filesIn(NETPLAN);
        assertEquals(before.get("01-lab.yaml"), saved.get("01-lab.yaml"), "the lab's own YAML is not rewritten");
        assertTrue(saved.containsKey(OWN.substring(NETPLAN.length() + 1)), saved.keySet().toString());
        assertTrue(lab.exec("ls", "/run/systemd/network").stdout().contains("10-netplan-" + BRIDGE + ".netdev"),
                "rendered on the lab host");
        assertFalse(Files.exists(Path.of("/run/systemd/network/10-netplan-" + BRIDGE + ".netdev")),
                "never into the machine's own /run");
    }

    /**
     * eth0 bridged into a new bridge through netplan and confirmed: the bridge's own YAML (mode 600) has eth0 as its
     * port and eth0's address; the lab's YAML no longer gives eth0 one (netplan appends a later file's addresses,
     * it cannot take them away); the bridge carries the uplink at once.
     */
    private void uplinkBridgedThroughNetplan(String uri) {
        CliRun bridged = Lab.cli(state, uri, "uplink", "bridge", "eth0", "--bridge", UPLINK_BRIDGE,
                "--confirm-within", "120", "--yes");
        assertEquals(0, bridged.code(), () -> bridged.out() + bridged.err());
        assertTrue(bridged.out().contains("through netplan") && bridged.out().contains("netplan generate"),
                bridged.out());
        CliRun confirmed = Lab.cli(state, uri, "confirm");
        assertEquals(0, confirmed.code(), () -> confirmed.out() + confirmed.err());
        Map<String, String> saved = lab.filesIn(NETPLAN);
        String own = saved.getOrDefault(UPLINK_OWN, "");
        assertTrue(own.contains("interfaces: [eth0]") && own.contains("addresses: [" + lab.hostIp() + "/24]"), own);
        assertFalse(saved.get("01-lab.yaml").contains("addresses:"), saved.get("01-lab.yaml"));
        assertEquals("600 root", lab.exec("stat", "-c", "%a %U", NETPLAN + "/" + UPLINK_OWN).stdout().strip());
        BridgedUplinkAfterReboot.bridgeCarriesTheUplink(lab, UPLINK_BRIDGE);
    }

    /** Undone: the lab's YAML back byte for byte, the bridge's own gone, the bridge deleted, eth0 addressed again. */
    private void uplinkUnbridgedByteForByte(String uri, Map<String, String> withBridge) {
        CliRun undo = Lab.cli(state, uri, "undo", "--yes");
        assertEquals(0, undo.code(), () -> undo.out() + undo.err());
        assertEquals(withBridge, lab.filesIn(NETPLAN), "netplan's files as before the uplink was bridged");
        assertFalse(lab.exec("ip", "link", "show", UPLINK_BRIDGE).ok(), UPLINK_BRIDGE + " is deleted");
        String address = lab.exec("ip", "-o", "-4", "address", "show", "dev", "eth0").stdout();
        assertTrue(address.contains(lab.hostIp() + "/24"), "eth0 has its address again: " + address);
    }

    /** The bridge's MTU in a file of Virtwire's own that netplan merges into the bridge's definition, set live too. */
    private void mtuSavedThroughNetplan(String uri) {
        CliRun mtu = Lab.cli(state, uri, "link", "mtu", BRIDGE, MTU, "--yes");
        assertEquals(0, mtu.code(), () -> mtu.out() + mtu.err());
        assertTrue(mtu.out().contains("netplan generate") && mtu.out().contains("+      mtu: " + MTU), mtu.out());
        String running = lab.exec("ip", "-o", "link", "show", BRIDGE).stdout();
        assertTrue(running.contains(" mtu " + MTU + " "), running);
        assertTrue(lab.filesIn(NETPLAN).containsKey("92-virtwire-mtu-" + BRIDGE + ".yaml"), "Virtwire's own file");
    }

    /** Undoing the creation runs what deleting does (the file removed, netplan generate, networkctl delete). */
    private void undoneByteForByte(String uri, Map<String, String> before) {
        CliRun undo = Lab.cli(state, uri, "undo", "--yes");
        assertEquals(0, undo.code(), () -> undo.out() + undo.err());
        assertTrue(undo.out().contains("networkctl delete " + BRIDGE), undo.out());
        assertEquals(before, lab.filesIn(NETPLAN), "netplan's files as before, byte for byte");
        assertFalse(lab.exec("ip", "link", "show", BRIDGE).ok(), BRIDGE + " is gone");
        assertFalse(lab.exec("ls", "/run/systemd/network").stdout().contains("10-netplan-" + BRIDGE),
                "and no longer rendered");
    }
}
