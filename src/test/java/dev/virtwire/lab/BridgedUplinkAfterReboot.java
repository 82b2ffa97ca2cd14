package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a manager must have rebuilt after `lab reboot` when the uplink was bridged through it and a guest moved
 * there: the bridge with the uplink's address and the default route, eth0 its port, the guest on it with a LAN
 * address, reaching the LAN host.
 */
final class BridgedUplinkAfterReboot {
    private BridgedUplinkAfterReboot() {
    }

    static void check(Lab lab, CommandResult reboot, String bridge, String guest) {
        bridgeCarriesTheUplink(lab, bridge);
        String ips = Lab.parseEnv(reboot.stdout()).getOrDefault("LAB_GUEST_IPS", "");
        assertTrue(ips.contains(guest + "=10.77.0."), () -> "the guest on " + bridge + " has no LAN address: " + ips);
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> lab.guestPings(guest, lab.lanHost())),
                "the guest does not reach the LAN host");
    }

    /** The bridge with the uplink's address and the default route, eth0 its port. */
    static void bridgeCarriesTheUplink(Lab lab, String bridge) {
        String addresses = lab.exec("ip", "-o", "-4", "address", "show", "dev", bridge).stdout();
        assertTrue(addresses.contains(lab.hostIp() + "/24"), "the bridge has the uplink's address: " + addresses);
        String route = lab.exec("ip", "route", "show", "default").stdout();
        assertTrue(route.contains("dev " + bridge), "the default route leaves through the bridge: " + route);
        String ports = lab.exec("ip", "-o", "link", "show", "master", bridge).stdout();
        assertTrue(ports.contains(": eth0:") || ports.contains(": eth0@"), "eth0 is its port: " + ports);
    }

    /**
     * Everything undone, a second reboot builds the lab host as before the test: the manager's files (by name, with
     * their text) and the running links. The guest's autostart goes first: nothing of the test's to wait for at boot.
     */
    static void undoneAllAndRebooted(Lab lab, String manager, Supplier<Map<String, String>> files,
                                     Map<String, String> before, String runningBefore, String bridge, String guest) {
        lab.exec("virsh", "autostart", "--disable", guest);
        long started = System.nanoTime();
        CommandResult again = lab.lab(Duration.ofMinutes(5), "reboot");
        assertTrue(again.ok(), again::describe);
        assertEquals(before, files.get(), manager + "'s files as before after the reboot, byte for byte");
        assertEquals(runningBefore, lab.runningLinks(bridge), "after the reboot the lab host's links as before");
        System.out.printf("lab reboot after undo all (%s), the links as before: %d s%n", manager,
                (System.nanoTime() - started) / 1_000_000_000L);
    }
}
