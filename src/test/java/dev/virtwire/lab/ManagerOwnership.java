package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * What `lab up --netconf X` must show before anything is saved: the manager owns the lab host's eth0, br0 and eth1
 * from its profiles or FILE:LINE, a change by hand (br0's MTU) is seen as not saved, and after `lab reboot` the
 * manager has built br0 again as saved (without that change) with the guest on it back on the LAN. Checked
 * inside the tests that already run the lab under each manager, so no manager is brought up only for this.
 */
final class ManagerOwnership {
    /** The lab's guest on br0. */
    static final String BRIDGED_GUEST = "g2";
    private final Lab lab;
    private final String manager;
    private final String eth0;
    private final String br0;
    private final String eth1;

    private ManagerOwnership(Lab lab, String manager, String eth0, String br0, String eth1) {
        this.lab = lab;
        this.manager = manager;
        this.eth0 = eth0;
        this.br0 = br0;
        this.eth1 = eth1;
    }

    /** For the lab's {@code --netconf} mode, with where its own config (src/lab/netconf.sh) keeps each link. */
    static ManagerOwnership of(Lab lab, String netconf) {
        return switch (netconf) {
            case "nm" -> new ManagerOwnership(lab, "NetworkManager", "lab-uplink", "lab-br0", "lab-br0-port");
            case "networkd" -> new ManagerOwnership(lab, "systemd-networkd", "/etc/systemd/network/40-eth0.network:1",
                    "/etc/systemd/network/20-br0.network:1", "/etc/systemd/network/30-eth1.network:1");
            case "ifupdown" -> new ManagerOwnership(lab, "ifupdown", "/etc/network/interfaces:5",
                    "/etc/network/interfaces:12", "/etc/network/interfaces:9");
            case "netplan" -> new ManagerOwnership(lab, "netplan", "/etc/netplan/01-lab.yaml:5",
                    "/etc/netplan/01-lab.yaml:12", "/etc/netplan/01-lab.yaml:10");
            default -> throw new IllegalArgumentException("no such --netconf: " + netconf);
        };
    }

    /**
     * Right after `lab up --netconf X`: each link owned as saved; then br0's MTU changed by hand is not saved.
     * The change stays, for {@link #rebuiltAsSaved} to see it gone; the guest on br0 is set to start at boot.
     */
    void ownedAndAChangeByHandIsNotSaved() throws IOException {
        String uri = lab.sshUri();
        JsonNode topology = LabTopology.read(uri);
        assertOwned(topology, "eth0", eth0);
        assertOwned(topology, "br0", br0);
        assertOwned(topology, "eth1", eth1);
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
        CommandResult autostart = lab.exec("virsh", "autostart", BRIDGED_GUEST);
        assertTrue(autostart.ok(), autostart::describe);
    }

    /**
     * After `lab reboot`: br0 rebuilt by the manager from what it saved, and the guest on it has a LAN address.
     * Returns the topology read, for a test's own checks of the rebooted host.
     */
    JsonNode rebuiltAsSaved(CommandResult reboot) throws IOException {
        JsonNode rebooted = LabTopology.read(lab.sshUri());
        JsonNode rebuilt = LabTopology.link(rebooted, "br0");
        assertEquals(manager, rebuilt.path("manager").asText(), rebuilt::toString);
        assertTrue(rebuilt.path("profile").asText().startsWith(br0.split(":")[0]), rebuilt::toString);
        assertEquals(1500, rebuilt.path("mtu").asInt(), "the MTU set by hand did not survive");
        String ips = Lab.parseEnv(reboot.stdout()).getOrDefault("LAB_GUEST_IPS", "");
        assertTrue(ips.contains(BRIDGED_GUEST + "=10.77.0."), () -> "the guest on br0 has no LAN address: " + ips);
        return rebooted;
    }

    /** For a test's finally: br0 and its guest as the lab left them. */
    void putBack() {
        lab.exec("virsh", "autostart", "--disable", BRIDGED_GUEST);
        lab.exec("ip", "link", "set", "br0", "mtu", "1500");
    }

    private void assertOwned(JsonNode topology, String name, String profile) {
        JsonNode l = LabTopology.link(topology, name);
        assertEquals(manager, l.path("manager").asText(), l::toString);
        assertEquals(profile, l.path("profile").asText(), l::toString);
        assertTrue(l.path("saved").asBoolean(), l::toString);
    }
}
