package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** The lab's guests are real: they answer ping and reach what their network allows. */
@LabTest
@LabUpOncePerClass // its tests only look
class GuestReachabilityLabTest {

    private final Lab lab;

    GuestReachabilityLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void theLabHasThreeGuestsOnDefaultBridgeAndIsolated() {
        assertTrue(lab.guests().containsAll(List.of("g1", "g2", "g3")), lab.guests()::toString);
        assertTrue(lab.guestIp("g1").startsWith("192.168.122."), lab.guestIp("g1"));
        assertTrue(lab.guestIp("g2").startsWith(prefix(lab.lanGateway())), lab.guestIp("g2"));
        assertTrue(lab.guestIp("g3").startsWith("192.168.124."), lab.guestIp("g3"));
    }

    @Test
    void everyGuestAnswersPingFromTheLabHost() {
        for (String guest : lab.guests()) {
            String ip = lab.guestIp(guest);
            CommandResult ping = lab.exec("ping", "-c", "1", "-W", "2", ip);
            assertTrue(ping.ok(), () -> guest + " (" + ip + ") does not answer: " + ping.describe()
                    + "\nconsole:\n" + lab.console(guest));
        }
    }

    @Test
    void natGuestReachesTheInternet() {
        CommandResult ping = lab.guestExec("g1", "ping", "-c", "1", "-W", "2", lab.internet());
        assertTrue(ping.ok(), ping::describe);
    }

    @Test
    void bridgedGuestReachesTheLanHost() {
        CommandResult ping = lab.guestExec("g2", "ping", "-c", "1", "-W", "2", lab.lanHost());
        assertTrue(ping.ok(), ping::describe);
    }

    @Test
    void isolatedGuestReachesItsGatewayButNotTheInternet() {
        String gateway = lab.guestExec("g3", "cat", "/run/gw").stdout().strip();
        assertTrue(gateway.startsWith("192.168.124."), gateway);
        CommandResult toGateway = lab.guestExec("g3", "ping", "-c", "1", "-W", "2", gateway);
        assertTrue(toGateway.ok(), toGateway::describe);
        CommandResult toInternet = lab.guestExec("g3", "ping", "-c", "1", "-W", "2", lab.internet());
        assertFalse(toInternet.ok(), () -> "the isolated guest reached the internet: " + toInternet.describe());
    }

    @Test
    void guestExecReturnsOutputAndExitStatus() {
        CommandResult r = lab.guestExec("g1", "sh", "-c", "echo \"it's $(hostname)\"; exit 3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals("it's g1", r.stdout().strip());
    }

    @Test
    void labHostCommandsRunInTheLabNamespaces() {
        CommandResult links = lab.exec("ip", "-o", "link", "show");
        assertTrue(links.stdout().contains("eth0") && links.stdout().contains("br0")
                && links.stdout().contains("virbr0"), links::describe);
        CommandResult master = lab.exec("ip", "-o", "link", "show", "eth1");
        assertTrue(master.stdout().contains("master br0"), master::describe);
        // the mount namespace is the lab's: libvirt's run folder holds the lab's networks
        CommandResult run = lab.exec("ls", "/run/libvirt/network");
        assertTrue(run.stdout().contains("default"), run::describe);
    }

    @Test
    void virshAndLibvirtJavaConnectWithTheLabUri() throws LibvirtException {
        CommandResult virsh = LabScript.run(Duration.ofSeconds(30),
                List.of("virsh", "-c", lab.uri(), "list", "--name"));
        assertTrue(virsh.ok(), virsh::describe);
        // other lab tests of the same run may have added guests of their own
        assertTrue(virsh.stdout().lines().toList().containsAll(List.of("g1", "g2", "g3")), virsh::describe);

        Connect connect = new Connect(lab.uri());
        try {
            assertTrue(connect.numOfDomains() >= 3);
            assertTrue(List.of(connect.listNetworks()).containsAll(List.of("default", "isolated", "routed")));
        } finally {
            connect.close();
        }
    }

    @Test
    void routedNetworkIsReachableFromTheLan() {
        CommandResult ping = lab.execIn(lab.lanHostNetns(), "ping", "-c", "1", "-W", "2", lab.routedGateway());
        assertTrue(ping.ok(), ping::describe);
    }

    private static String prefix(String ip) {
        return ip.substring(0, ip.lastIndexOf('.') + 1);
    }
}
