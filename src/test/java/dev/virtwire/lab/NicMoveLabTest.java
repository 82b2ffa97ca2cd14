package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guest's NIC moved live to another network (virsh update-device) gets a lease of the new
 * network within seconds: the guests keep a DHCP client that follows the NIC.
 */
@LabTest
class NicMoveLabTest {

    private static final String G1_ON_ISOLATED = """
            <interface type='network'><source network='isolated'/><mac address='52:54:00:77:00:01'/><model type='virtio'/></interface>
            """;
    private static final String G1_ON_DEFAULT = """
            <interface type='network'><source network='default'/><mac address='52:54:00:77:00:01'/><model type='virtio'/></interface>
            """;
    private static final Duration NEW_LEASE_WITHIN = Duration.ofSeconds(30);

    @Test
    void movedNicGetsALeaseOfTheNewNetworkWithinSeconds(Lab lab) throws IOException {
        try {
            move(lab, G1_ON_ISOLATED);
            assertTrue(Eventually.within(NEW_LEASE_WITHIN, () -> guestSaysIp(lab).startsWith("192.168.124.")),
                    () -> "g1 has no isolated-network address after the move: " + guestSaysIp(lab));
            String ip = guestSaysIp(lab);
            assertTrue(lab.exec("ping", "-c", "1", "-W", "2", ip).ok(), "g1 does not answer at " + ip);
        } finally {
            move(lab, G1_ON_DEFAULT);
        }
        assertTrue(Eventually.within(NEW_LEASE_WITHIN, () -> guestSaysIp(lab).startsWith("192.168.122.")
                && lab.guestPings("g1", lab.internet())),
                "g1 is not back on default with internet access");
    }

    private static String guestSaysIp(Lab lab) {
        return lab.guestExec("g1", "cat", "/run/ip").stdout().strip();
    }

    private static void move(Lab lab, String interfaceXml) throws IOException {
        Path xml = Files.createTempFile("vwlab-nic", ".xml");
        try {
            Files.writeString(xml, interfaceXml);
            CommandResult r = LabScript.run(Duration.ofSeconds(60),
                    List.of("virsh", "-c", lab.uri(), "update-device", "g1", xml.toString(), "--live"));
            assertTrue(r.ok(), r::describe);
        } finally {
            Files.deleteIfExists(xml);
        }
    }
}
