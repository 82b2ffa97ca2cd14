package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A macvtap guest's address, which the host does not lease: found on the macvtap, else said to be unseen. */
class MacvtapAddressTest {
    private static final String NO_ADDRESS = "{\"guests\": {\"media\": {\"nics\": {\"52:54:00:3a:10:06\": "
            + "{\"addresses\": []}}}}}";

    @Test
    void anAddressSeenInTheGuestsTrafficOnItsMacvtapIsNoFinding() throws IOException {
        JsonNode probes = DemoEdits.MAPPER.readTree("{\"capture\": {\"output\": \"12:00:01.000 52:54:00:3a:10:06 > "
                + "aa:bb:cc:00:11:22, ethertype IPv4 (0x0800), length 98: 192.168.1.52 > 192.168.1.1: ICMP echo "
                + "request, id 1, seq 1, length 64\\n\"}}");
        Diagnosis d = new Troubleshooter(new ScriptedProbes(probes)).diagnose(DemoEdits.demoWith(NO_ADDRESS), "media",
                Optional.empty(), Destination.lan());
        assertTrue(d.finding("macvtap-address-unseen").isEmpty(), d::toString);
        assertTrue(d.finding("no-dhcp-lease").isEmpty(), d::toString);
    }

    @Test
    void aCaptureThatShowsNoAddressIsInformationNotAnError() throws IOException {
        JsonNode probes = DemoEdits.MAPPER.readTree("{\"capture\": {\"output\": \"\"}}");
        Diagnosis d = new Troubleshooter(new ScriptedProbes(probes)).diagnose(DemoEdits.demoWith(NO_ADDRESS), "media",
                Optional.empty(), Destination.lan());
        Finding unseen = d.finding("macvtap-address-unseen").orElseThrow(() -> new AssertionError(d.toString()));
        assertEquals(Severity.INFO, unseen.severity());
        assertTrue(unseen.evidence().stream().anyMatch(e -> e.contains("sent no frames")), unseen::toString);
        assertTrue(d.findings().stream().noneMatch(Finding::blocks), d::toString);
    }
}
