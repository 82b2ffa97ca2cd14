package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbesTest {

    @Test
    void aCaptureTellsTheAddressesTheGuestReallyUsesWhomItAsksAndWhetherItWantsDhcp() {
        Capture capture = Capture.parse(new ProbeRun("tcpdump", true, """
                10:00:01.100 52:54:00:77:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.99.99.1 tell 10.99.99.5, length 28
                10:00:01.300 52:54:00:77:00:01 > 52:54:00:ba:09:e0, ethertype IPv4 (0x0800), length 98: 10.99.99.5 > 203.0.113.1: ICMP echo request, id 7, seq 1, length 64
                10:00:02.000 52:54:00:77:00:01 > ff:ff:ff:ff:ff:ff, ethertype IPv4 (0x0800), length 342: 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 52:54:00:77:00:01, length 300
                3 packets captured
                """));
        assertEquals(List.of("10.99.99.5"), capture.sourceAddresses());
        assertEquals(List.of("10.99.99.1"), capture.arpTargets());
        assertTrue(capture.dhcpRequests());
        assertEquals(3, capture.frames());
    }

    @Test
    void aSilentGuestIsSaidToBeSilent() {
        Capture capture = Capture.parse(new ProbeRun("tcpdump", true, "0 packets captured\n"));
        assertEquals("capture: the guest sent no frames while listening", capture.summary());
    }

    @Test
    void aProbeThatCannotRunSaysWhyAndRunsOncePerDiagnosis() {
        CommandProbes probes = new CommandProbes(new CommandRunner(new Target.Netns("vw-no-such-netns")), "test:///default");
        ProbeRun run = probes.dhcpServers().orElseThrow();
        assertFalse(run.ok());
        assertEquals("ip netns exec vw-no-such-netns pgrep -a dnsmasq", run.command());
        assertFalse(run.output().isBlank(), "the error is the evidence");
        assertSame(run, probes.dhcpServers().orElseThrow());
        Probes next = probes.forOneDiagnosis();
        assertNotSame(run, next.dhcpServers().orElseThrow(), "the next diagnosis probes again");
        assertTrue(run.evidence().get(0).startsWith("$ ip netns exec vw-no-such-netns pgrep -a dnsmasq"));
    }

    @Test
    void evidenceIsCutToAReadableLength() {
        String output = "line\n".repeat(30);
        List<String> evidence = new ProbeRun("cmd", true, output).evidence();
        assertEquals(14, evidence.size());
        assertEquals("  ... 18 more lines", evidence.get(13));
    }
}
