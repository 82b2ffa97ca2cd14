package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {

    @Test
    void printsTheDiagnosisContractAsJson() throws Exception {
        CliRun run = run("diagnose", "--demo", "mail", "--to", "internet", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("mail", json.get("guest").asText());
        assertEquals("internet", json.get("target").asText());
        assertEquals(false, json.get("reachable").asBoolean());
        JsonNode first = json.at("/findings/0");
        assertEquals("tap-not-on-bridge", first.get("id").asText());
        assertEquals("error", first.get("severity").asText());
        assertTrue(first.get("evidence").size() > 0);
        assertEquals("link:vnet6", first.at("/nodes/0").asText());
        assertEquals("ip link set dev vnet6 master virbr0", first.at("/fix/commands/0").asText());
        assertEquals("no-dhcp-lease", first.at("/symptoms/0/id").asText());
        assertEquals("guest:mail", json.at("/path/0/node").asText());
        assertEquals("tap-not-on-bridge", json.at("/path/2/finding").asText());
    }

    @Test
    void aHealthyGuestIsReachableAndHasNoFindings() throws Exception {
        CliRun run = run("diagnose", "--demo", "web1", "--to", "lan", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertTrue(json.get("reachable").asBoolean(), run.out());
        assertEquals(0, json.get("findings").size(), run.out());
        assertTrue(json.at("/path/0/finding").isNull());
    }

    @Test
    void unknownReachabilityIsNullNotFalse() throws Exception {
        CliRun run = run("diagnose", "--demo", "gitlab", "--to", "lan", "--json");
        assertTrue(new ObjectMapper().readTree(run.out()).get("reachable").isNull(), run.out());
    }

    @Test
    void peopleGetTheVerdictThePathAndWhatToDo() {
        CliRun run = run("diagnose", "--demo", "test-lab", "--to", "host");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("test-lab (NIC 52:54:00:3a:10:05) -> host: NOT reachable"), run.out());
        assertTrue(run.out().contains("ERROR guest-link-down"), run.out());
        assertTrue(run.out().contains("path: guest:test-lab -> nic:test-lab/52:54:00:3a:10:05 [guest-link-down]"),
                run.out());
        assertTrue(run.out().contains("apply it: virtwire fix test-lab guest-link-down --to host"), run.out());
    }

    /** The fix's line to paste names the same internet address as the diagnosis it comes from. */
    @Test
    void theLineToPasteKeepsTheInternetAddressGiven() {
        CliRun run = run("diagnose", "--demo", "test-lab", "--to", "internet", "--internet", "203.0.113.7");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("apply it: virtwire fix test-lab guest-link-down --to internet --internet "
                + "203.0.113.7"), run.out());
        CliRun plain = run("diagnose", "--demo", "test-lab", "--to", "internet");
        assertTrue(plain.out().contains("apply it: virtwire fix test-lab guest-link-down --to internet --demo"),
                plain.out());
    }

    @Test
    void aBadTargetIsRefusedWithWhatIsAllowed() {
        CliRun run = run("diagnose", "--demo", "web1", "--to", "mars");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("host, lan, internet, internet6, guest:NAME, an IPv4 address"), run.err());
    }

    @Test
    void anIpv6TargetIsDiagnosedWithTheIpv6Rules() {
        // the demo host has no IPv6: said plainly, not as a broken router advertisement
        CliRun run = run("diagnose", "--demo", "web1", "--to", "2001:db8::10");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().startsWith("web1 (NIC 52:54:00:3a:10:01) -> 2001:db8::10: NOT reachable"), run.out());
        assertTrue(run.out().contains("INFO network-without-ipv6") && run.out().contains("Network 'default' has no IPv6"),
                run.out());
        assertFalse(run.out().contains("ra-missing"), run.out());
        CliRun internet6 = run("diagnose", "--demo", "web1", "--to", "internet6");
        assertTrue(internet6.out().contains("Network 'default' has no IPv6"), internet6.out() + internet6.err());
    }

    @Test
    void anUnknownGuestIsRefusedWithTheGuestsThereAre() {
        CliRun run = run("diagnose", "--demo", "nosuch", "--to", "lan");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("no guest named 'nosuch'") && run.err().contains("web1"), run.err());
    }

    @Test
    void fixAppliesTheSuggestedFixAndChecksItIsGone() {
        CliRun run = run("fix", "--demo", "mail", "tap-not-on-bridge", "--yes");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("$ ip link set dev vnet6 master virbr0"), run.out());
        assertTrue(run.out().contains("applied: Add vnet6 to virbr0"), run.out());
        assertTrue(run.out().contains("tap-not-on-bridge is gone"), run.out());
        assertTrue(run.out().contains("next: no-dhcp-lease"), run.out());
    }

    @Test
    void fixDryRunOnlyShowsTheCommands() {
        CliRun run = run("fix", "--demo", "test-lab", "guest-link-down", "--dry-run");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("virsh domif-setlink test-lab 52:54:00:3a:10:05 up"), run.out());
        assertTrue(!run.out().contains("applied"), run.out());
    }

    @Test
    void theXmlACommandReadsIsShownUnderItWithoutAPrompt() {
        CliRun diagnosed = run("diagnose", "--demo", "media", "--to", "host");
        CliRun fix = run("fix", "--demo", "media", "macvtap-host-isolation", "--to", "host", "--dry-run");
        for (CliRun run : List.of(diagnosed, fix)) {
            assertTrue(run.out().lines().anyMatch(l -> l.strip().equals("$ virsh attach-device media /dev/stdin --live")),
                    run.out());
            List<String> xml = run.out().lines().filter(l -> l.contains("<interface type=\"bridge\">")).toList();
            assertFalse(xml.isEmpty(), run.out());
            xml.forEach(l -> assertFalse(l.contains("$"), "XML is not a command to type: " + l));
        }
    }

    @Test
    void fixDryRunScriptPrintsTheFixAsAShellScriptAndChangesNothing(@TempDir Path own) {
        // a demo host of its own: the other tests here apply fixes to theirs
        java.util.function.Function<String[], CliRun> run = args -> {
            List<String> argv = new ArrayList<>(List.of(args));
            argv.add("--state-dir=" + own);
            return CliRun.of(argv.toArray(String[]::new));
        };
        CliRun script = run.apply(new String[] {"fix", "--demo", "mail", "tap-not-on-bridge", "--dry-run", "--script"});
        assertEquals(0, script.code(), script.err());
        checkScript(script);
        CliRun still = run.apply(new String[] {"fix", "--demo", "mail", "tap-not-on-bridge", "--dry-run"});
        assertEquals(0, still.code(), "the script changed nothing: the finding is still there; " + still.err());
        CliRun alone = run.apply(new String[] {"fix", "--demo", "mail", "tap-not-on-bridge", "--script"});
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--script goes with --dry-run"), alone.err());
    }

    private static void checkScript(CliRun run) {
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("#!/bin/sh\n# Add vnet6 to virbr0\n"), run.out());
        assertTrue(run.out().contains("\nset -eu\n") && run.out().contains("\nip link set dev vnet6 master virbr0\n"),
                run.out());
        assertFalse(run.out().contains("applied"), run.out());
    }

    @Test
    void fixOfAnIdTheTroubleshooterDoesNotKnowSaysSoAndListsItsIds() {
        CliRun run = run("fix", "--demo", "web1", "not-saved-x", "--dry-run");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("'not-saved-x' is not a finding of the troubleshooter")
                && run.err().contains("not-saved, manager-conflict"), run.err());
        CliRun known = run("fix", "--demo", "web1", "not-saved", "--dry-run");
        assertEquals(1, known.code());
        assertTrue(known.err().contains("web1 has no finding 'not-saved'"), known.err());
    }

    @Test
    void fixWithoutAOneClickFixListsTheSteps() {
        CliRun run = run("fix", "--demo", "legacy-app", "guest-ip-wrong-subnet", "--to", "internet", "--yes");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("no one-click fix") && run.err().contains("192.168.122.0/24"), run.err());
    }

    @Test
    void aMacvtapGuestIsMovedOntoTheBridgeOfItsLanByUnpluggingAndPluggingAndThenReachesTheHost() {
        CliRun run = run("fix", "--demo", "media", "macvtap-host-isolation", "--to", "host", "--yes");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("virsh detach-interface media direct --mac 52:54:00:3a:10:06 --live"), run.out());
        assertTrue(run.out().contains("media -> host: reachable"), run.out());
    }

    /** br0 without eth1 proves no bridge on eth0's LAN: the fix bridges eth0 under the revert timer. */
    @Test
    void aMacvtapGuestWithNoBridgeOnItsLanIsBridgedConfirmedAndUndoneFromTheCommandLine(@TempDir Path own) {
        String state = "--state-dir=" + own;
        assertEquals(0, CliRun.of("bridge", "remove-port", state, "--demo", "eth1", "--yes").code());
        CliRun fix = CliRun.of("fix", state, "--demo", "media", "macvtap-host-isolation", "--to", "host", "--yes");
        assertEquals(0, fix.code(), fix.out() + fix.err());
        for (String said : List.of("$ virsh detach-interface media direct", "$ ip link set dev eth0 master br-eth0",
                "It runs under a revert timer", "macvtap-host-isolation is gone", "media -> host: reachable",
                "with `virtwire confirm --demo")) {
            assertTrue(fix.out().contains(said), () -> said + " not in:\n" + fix.out());
        }
        CliRun confirm = CliRun.of("confirm", state, "--demo");
        assertEquals(0, confirm.code(), confirm.err());
        CliRun undo = CliRun.of("undo", state, "--demo", "--yes");
        assertEquals(0, undo.code(), undo.err());
        CliRun again = CliRun.of("diagnose", state, "--demo", "media", "--to", "host");
        assertTrue(again.out().contains("new bridge br-eth0"), again.out());
    }

    @Test
    void fixWithoutYesAndWithoutATerminalIsRefusedAndSaysHowToApply() {
        CliRun run = run("fix", "--demo", "mail", "tap-not-on-bridge");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("add --yes to apply"), run.err());
        assertFalse(run.out().contains("applied:"), run.out());
    }

    @Test
    void fixOfAFindingTheGuestDoesNotHaveSaysSo() {
        CliRun run = run("fix", "--demo", "web1", "ip-forward-disabled", "--yes");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("web1 has no finding 'ip-forward-disabled'"), run.err());
    }


    @TempDir
    static Path stateDir;

    private static CliRun run(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add(1, "--state-dir=" + stateDir);
        args = argv.toArray(String[]::new);
        return CliRun.of(args);
    }
}
