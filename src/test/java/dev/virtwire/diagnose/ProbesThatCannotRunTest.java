package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.host.exec.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A probe whose tool is missing (or that fails before it probes) is not an answer about the host: the diagnosis
 * says what it could not check and why, instead of "the guest sent nothing" or "nobody answered".
 */
class ProbesThatCannotRunTest {
    private static final List<String> CAPTURE = List.of("timeout", "2", "tcpdump", "-l", "-n", "-e", "-c", "20", "-i",
            "vnet0", "ether", "src", "52:54:00:3a:10:01");
    private static final List<String> ARPING = List.of("arping", "-b", "-c", "2", "-w", "3", "-I", "virbr0",
            "192.168.122.10");
    private static final List<String> PING = List.of("ping", "-n", "-c", "2", "192.168.1.1");
    private static final String NOT_INSTALLED = "'tcpdump' is not installed or not on PATH (Debian/Ubuntu package "
            + "tcpdump) on the lab host: install it for this check";

    private static ProbeRun run(List<String> argv, int exit, String stdout, String stderr) {
        return CommandProbes.probeRun(argv, String.join(" ", argv), new CommandResult(argv, exit, stdout, stderr),
                "the lab host");
    }

    @Test
    void aCaptureWhoseToolIsMissingCouldNotRunWhereverItRan() {
        // timeout(1) and a remote shell: 127; ip netns exec: 1 and its own message
        for (ProbeRun r : List.of(run(CAPTURE, 127, "", "timeout: failed to run command 'tcpdump': No such file or "
                + "directory\n"), run(CAPTURE, 1, "", "exec of \"timeout\" failed: No such file or directory\n"))) {
            assertFalse(r.ran(), r::toString);
            assertEquals(NOT_INSTALLED, r.why());
            assertTrue(r.evidence().get(0).endsWith("(could not run)"), r.evidence()::toString);
        }
    }

    @Test
    void aCaptureThatEndsOnItsTimeRanAndOneThatCouldNotOpenTheTapSaysWhy() {
        ProbeRun ended = run(CAPTURE, 124, "", "listening on vnet0, link-type EN10MB\n0 packets captured\n");
        assertTrue(ended.ran() && ended.ok(), ended::toString);
        assertEquals("", ended.output(), "tcpdump's own chatter is no evidence");
        ProbeRun refused = run(CAPTURE, 1, "", "tcpdump: vnet0: No such device exists\n(No such device exists)\n");
        assertFalse(refused.ran(), refused::toString);
        assertEquals("tcpdump: vnet0: No such device exists", refused.why());
    }

    @Test
    void anArpingNobodyAnsweredRanAndOneThatFailedDidNot() {
        ProbeRun unanswered = run(ARPING, 1, "ARPING 192.168.122.10\nSent 2 probes (2 broadcast(s))\nReceived 0 "
                + "response(s)\n", "");
        assertTrue(unanswered.ran(), unanswered::toString);
        assertFalse(unanswered.ok(), unanswered::toString);
        ProbeRun answered = run(ARPING, 1, "Unicast reply from 192.168.122.10 [52:54:00:3A:10:01]  0.6ms\n", "");
        assertTrue(answered.ran() && answered.ok(), answered::toString);
        ProbeRun failed = run(ARPING, 2, "", "arping: Device virbr0 not available.\n");
        assertFalse(failed.ran(), failed::toString);
        assertEquals("arping: Device virbr0 not available.", failed.why());
        ProbeRun missing = run(ARPING, 127, "", "sh: 1: arping: not found\n");
        assertFalse(missing.ran(), missing::toString);
        assertTrue(missing.why().startsWith("'arping' is not installed or not on PATH (Debian/Ubuntu package "
                + "iputils-arping)"), missing::why);
    }

    @Test
    void aPingWithoutAnswerRanAndAMissingPingDidNot() {
        ProbeRun lost = run(PING, 1, "2 packets transmitted, 0 received, 100% packet loss\n", "");
        assertTrue(lost.ran(), lost::toString);
        assertFalse(lost.ok(), lost::toString);
        assertFalse(run(PING, 1, "", "exec of \"ping\" failed: No such file or directory\n").ran());
    }

    @Test
    void aCaptureThatCouldNotRunIsSaidNotTakenForASilentGuest() throws IOException {
        JsonNode probes = DemoEdits.MAPPER.readTree("{\"capture\": {\"ran\": false, \"output\": \""
                + NOT_INSTALLED.replace("'", "\\u0027") + "\"}}");
        Diagnosis d = new Troubleshooter(new ScriptedProbes(probes)).diagnose(DemoEdits.demoWith(
                "{\"guests\": {\"media\": {\"nics\": {\"52:54:00:3a:10:06\": {\"addresses\": []}}}}}"), "media",
                Optional.empty(), Destination.lan());
        assertTrue(d.unchecked().stream().anyMatch(u -> u.startsWith("what media sends on ")
                && u.endsWith("(a capture): " + NOT_INSTALLED)), d::toString);
        Finding unseen = d.finding("macvtap-address-unseen").orElseThrow(() -> new AssertionError(d.toString()));
        assertTrue(unseen.evidence().stream().noneMatch(e -> e.contains("sent no frames")), unseen::toString);
        assertTrue(unseen.evidence().stream().anyMatch(e -> e.contains("(it could not run)")), unseen::toString);
    }

    @Test
    void anArpingThatCouldNotRunIsSaidAmongWhatWasNotChecked() throws IOException {
        JsonNode probes = DemoEdits.MAPPER.readTree("{\"arping\": {\"ran\": false, \"output\": \"arping: Device "
                + "virbr0 not available.\"}}");
        Diagnosis d = new Troubleshooter(new ScriptedProbes(probes)).diagnose(DemoEdits.demoWith("{}"), "web1",
                Optional.empty(), Destination.lan());
        assertTrue(d.unchecked().stream().anyMatch(u -> u.startsWith("whether another device answers for web1's "
                + "address ") && u.endsWith("(arping): arping: Device virbr0 not available.")), d::toString);
    }

    @Test
    void aMissingPingLeavesTheReturnRouteInDoubtAndSaysWhy() throws IOException {
        JsonNode probes = DemoEdits.MAPPER.readTree("{\"ping\": {\"ran\": false, \"output\": \"'ping' is not "
                + "installed or not on PATH\"}, \"ping-from\": {\"ran\": false, \"output\": \"'ping' is not "
                + "installed or not on PATH\"}}");
        Diagnosis d = new Troubleshooter(new ScriptedProbes(probes)).diagnose(DemoEdits.demoWith("{}"), "gitlab",
                Optional.empty(), Destination.lan());
        assertTrue(d.finding("routed-no-return-route").isEmpty(), d::toString);
        assertEquals(Optional.empty(), d.reachable(), d::toString);
        assertTrue(d.unchecked().stream().anyMatch(u -> u.startsWith("whether the LAN routes ")
                && u.endsWith("back to this host (ping): 'ping' is not installed or not on PATH")), d::toString);
        assertTrue(d.unchecked().stream().noneMatch(u -> u.contains("does not answer the host")), d::toString);
    }
}
