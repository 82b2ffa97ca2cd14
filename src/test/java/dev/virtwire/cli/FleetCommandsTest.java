package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `virtwire hosts add|remove|list`, `topology --fleet` and `fleet check` on the demo host and a host that is down. */
class FleetCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MISSING_NS = "vw-fleet-no-such-ns";

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return FleetDirs.run(dir, args);
    }

    private void demoAndADownHost() {
        assertEquals(0, run("hosts", "add", "kvm1", "--demo").code());
        CliRun down = run("hosts", "add", "kvm2", "--connect", "test:///default", "--netns", MISSING_NS);
        assertEquals(0, down.code(), down.err());
    }

    @Test
    void hostsAreAddedListedAndRemoved() throws Exception {
        demoAndADownHost();
        JsonNode list = MAPPER.readTree(run("hosts", "list", "--json").out());
        assertEquals(MAPPER.readTree("""
                {"hosts": [{"name": "kvm1", "uri": "demo:///", "netns": null, "ssh": null},
                           {"name": "kvm2", "uri": "test:///default", "netns": "%s", "ssh": null}]}"""
                .formatted(MISSING_NS)), list);
        CliRun again = run("hosts", "add", "kvm1", "--connect", "qemu:///system");
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("virtwire: the fleet has a host named kvm1 already (demo host)"), again.err());
        CliRun removed = run("hosts", "remove", "kvm1");
        assertEquals(0, removed.code(), removed.err());
        assertEquals("kvm2  test:///default (network namespace " + MISSING_NS + ")", run("hosts", "list").out().strip());
        CliRun unknown = run("hosts", "remove", "kvm9");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("the fleet has no host named kvm9: it has kvm2"), unknown.err());
    }

    @Test
    void anEmptyFleetNamesItsFileSoAMistypedConfigDirDoesNotLookLikeAnEmptyFleet() {
        String listed = run("hosts", "list").out().strip();
        assertTrue(listed.startsWith("The fleet has no hosts yet: ") && listed.contains("hosts.json does not exist"),
                listed);
        demoAndADownHost();
        run("hosts", "remove", "kvm1");
        run("hosts", "remove", "kvm2");
        String emptied = run("hosts", "list").out().strip();
        assertTrue(emptied.contains("hosts.json lists none"), emptied);
    }

    @Test
    void badNamesAndSeveralConnectsWhereOneIsMeantAreUsageErrors() {
        CliRun name = run("hosts", "add", "kvm 1", "--demo");
        assertEquals(2, name.code());
        assertTrue(name.err().contains("'kvm 1' is not a host name for the fleet"), name.err());
        CliRun two = run("hosts", "add", "kvm1", "--connect", "qemu:///system", "--connect", "test:///default");
        assertEquals(2, two.code());
        assertTrue(two.err().contains("--connect is given 2 times: only topology and fleet check read several hosts"),
                two.err());
        CliRun netns = run("topology", "--json", "--connect", "qemu:///system", "--connect", "test:///default",
                "--netns", MISSING_NS);
        assertEquals(2, netns.code());
        assertTrue(netns.err().contains("--netns names one host's kernel, but --connect names 2"), netns.err());
    }

    @Test
    void anEmptyFleetSaysHowToAddHosts() {
        CliRun run = run("topology", "--fleet", "--json");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("has no hosts: add them with virtwire hosts add NAME --connect URI"), run.err());
    }

    @Test
    void aDiagnosisAcrossHostsThatAreNotInTheFleetListSaysHowToAddThemRatherThanReadingTheLocalHost() {
        CliRun empty = run("diagnose", "kvm1:web1", "--to", "guest:kvm2:nas");
        assertEquals(2, empty.code(), empty.err());
        assertTrue(empty.err().contains("kvm1 and kvm2 are not in the fleet list (virtwire hosts list has none: "),
                empty.err());
        assertTrue(empty.err().contains("add each with virtwire hosts add NAME --connect URI"), empty.err());
        assertTrue(!empty.err().contains("qemu:///system is not reachable") && !empty.err().contains("libvirt is not"),
                "the local host is not read: " + empty.err());

        assertEquals(0, run("hosts", "add", "kvm7", "--demo").code());
        CliRun others = run("diagnose", "kvm1:web1", "--to", "guest:kvm1:nas");
        assertEquals(2, others.code(), others.err());
        assertTrue(others.err().contains("kvm1 is not in the fleet list (virtwire hosts list has kvm7): add it with "
                + "virtwire hosts add NAME --connect URI, e.g. virtwire hosts add kvm1 --connect "), others.err());
    }

    @Test
    void theFleetsTopologyListsEveryHostAndSaysWhichIsDown() throws Exception {
        demoAndADownHost();
        CliRun run = run("topology", "--fleet", "--json");
        assertEquals(1, run.code(), "a host is down: " + run.err());
        JsonNode json = MAPPER.readTree(run.out());
        assertEquals("kvm1", json.at("/hosts/0/name").asText());
        assertEquals("up", json.at("/hosts/0/state").asText());
        assertEquals("kvm-demo", json.at("/hosts/0/topology/host/name").asText());
        assertEquals("down", json.at("/hosts/1/state").asText());
        assertTrue(json.at("/hosts/1/error").asText().startsWith("cannot run commands in network namespace "
                + MISSING_NS), json.at("/hosts/1/error").asText());
        assertTrue(json.at("/hosts/1/topology").isNull());
        assertEquals(0, json.get("shared_segments").size());
        assertTrue(run.err().startsWith("virtwire: kvm2 is down: cannot run commands"), run.err());
    }

    @Test
    void theFleetCheckReadsTheHostsThatAnswer() throws Exception {
        demoAndADownHost();
        CliRun run = run("fleet", "check", "--json");
        assertEquals(1, run.code(), run.err());
        JsonNode json = MAPPER.readTree(run.out());
        assertEquals("up", json.at("/hosts/0/state").asText());
        assertEquals("down", json.at("/hosts/1/state").asText());
        assertEquals(0, json.get("findings").size(), "one host read: nothing between hosts");
        assertTrue(run("fleet", "check").out().contains("kvm2: down: cannot run commands in network namespace"));
    }

    @Test
    void aFleetFixIsRefusedWithTheReasonWhereThereIsNone() throws Exception {
        FleetDirs.twoDemoHosts(dir);
        JsonNode check = MAPPER.readTree(run("fleet", "check", "--json").out());
        assertTrue(check.get("findings").size() > 0, check.toString());
        check.get("findings").forEach(f -> assertTrue(f.get("fix").isNull() == !f.get("id").asText()
                .equals("duplicate-mac"), "rogue-dhcp and duplicate-mac have a fix: " + f));

        CliRun typo = run("fleet", "fix", "rogue-dchp");
        assertEquals(1, typo.code());
        assertTrue(typo.err().startsWith("virtwire: 'rogue-dchp' is not a finding between hosts; they are: "
                + "duplicate-mac, duplicate-ip, rogue-dhcp"), typo.err());
        CliRun none = run("fleet", "fix", "rogue-dhcp");
        assertEquals(1, none.code());
        assertEquals("virtwire: refused: there is no rogue-dhcp between the hosts that were read (`virtwire fleet "
                + "check` lists what there is)", none.err().strip());
        CliRun byHand = run("fleet", "fix", "duplicate-ip", "--dry-run");
        assertEquals(1, byHand.code());
        assertTrue(byHand.err().startsWith("virtwire: refused: there is no one-click fix for duplicate-ip (Address "),
                byHand.err());
        assertTrue(byHand.err().contains("what you can do: give all but one of them another address"), byHand.err());
        CliRun which = run("fleet", "fix", "duplicate-mac", "--dry-run");
        assertEquals(1, which.code());
        assertTrue(which.err().startsWith("virtwire: refused: duplicate-mac is found 13 times: say which with --mac MAC "
                + "(52:54:00:3a:10:01, "), which.err());
    }

    @Test
    void aDuplicateMacsFixIsPrintedForEachHostAndItsPlanShownWithoutChangingAnything() throws Exception {
        FleetDirs.twoDemoHosts(dir);
        String text = run("fleet", "check").out();
        String config = " --config-dir " + dir.resolve("config") + " --state-dir " + dir.resolve("state");
        // build is shut off on both: the host that sorts last first, the other one on request, each to paste
        java.util.regex.Matcher offered = java.util.regex.Pattern.compile("\n  fix on kvm2: Give build's NIC "
                + "52:54:00:3a:10:08 on kvm2 the new MAC (52:54:00:[0-9a-f:]{8}) in its saved config \\(build is not "
                + "running\\) \\(virtwire fleet fix duplicate-mac --host kvm2 --mac 52:54:00:3a:10:08" + config
                .replace("/", "\\/") + "\\)\n  or fix on kvm1: Give build's NIC 52:54:00:3a:10:08 on kvm1 the new MAC "
                + "52:54:00:[0-9a-f:]{8} in its saved config").matcher(text);
        assertTrue(offered.find(), text);

        CliRun dry = run("fleet", "fix", "duplicate-mac", "--mac", "52:54:00:3a:10:08", "--host", "kvm1", "--dry-run");
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("fix on kvm1: Give build's NIC 52:54:00:3a:10:08 on kvm1 the new MAC 52:54:00:"),
                dry.out());
        assertTrue(dry.out().contains("virsh detach-interface build network --mac 52:54:00:3a:10:08 --config\n"),
                dry.out());
        assertTrue(dry.out().contains("virsh attach-device build /dev/stdin --config\n"), dry.out());
        assertTrue(dry.out().contains("(dry run: nothing was changed)"), dry.out());
        CliRun none = run("fleet", "fix", "duplicate-mac", "--mac", "52:54:00:00:00:77");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("there is no duplicate-mac about MAC 52:54:00:00:00:77 between the hosts"),
                none.err());
        CliRun bad = run("fleet", "fix", "duplicate-mac", "--mac", "zz:11");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("virtwire: --mac: 'zz:11' is not a MAC address: expected six hex pairs"),
                bad.err());
        CliRun nosuch = run("fleet", "fix", "duplicate-mac", "--mac", "52:54:00:3a:10:08", "--host", "kvm9");
        assertEquals(1, nosuch.code());
        assertEquals("virtwire: refused: --host: there is no host 'kvm9' among the hosts read (kvm1, kvm2)",
                nosuch.err().strip(), "an unknown host is named as such, not as a finding that is not there");
        CliRun upper = run("fleet", "fix", "duplicate-mac", "--mac", "52:54:00:3A:10:08", "--host", "kvm1",
                "--dry-run");
        assertEquals(0, upper.code(), "the MAC as the user types it: " + upper.err());
    }

    @Test
    void aDiagnosisAcrossHostsWalksBothHostsAndTheSegmentBetweenThem() throws Exception {
        FleetDirs.twoDemoHosts(dir);
        CliRun run = run("diagnose", "kvm1:web1", "--to", "guest:kvm2:nas", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = MAPPER.readTree(run.out());
        assertEquals("kvm1:web1", json.get("from").asText());
        assertEquals("guest:kvm2:nas", json.get("to").asText());
        assertEquals(MAPPER.readTree("""
                {"host": "kvm1", "node": "guest:web1", "ok": true, "finding": null}"""), json.at("/path/0"));
        assertTrue(json.get("path").findValuesAsText("node").contains("segment:192.168.1.0/24"), run.out());
        assertEquals("guest:nas", json.at("/path/" + (json.get("path").size() - 1) + "/node").asText());
        assertEquals("kvm2", json.at("/hosts/1/host").asText());
        assertEquals("nas", json.at("/hosts/1/diagnosis/guest").asText());
        assertEquals("web1", json.at("/hosts/0/diagnosis/guest").asText());

        String text = run("diagnose", "kvm2:nas", "--to", "guest:kvm1:web1").out();
        assertTrue(text.startsWith("kvm2:nas -> guest:kvm1:web1: NOT reachable\nbroken hop: "), text);
        assertTrue(text.contains("ERROR guest-hidden-from-lan: web1 on kvm1 cannot be reached from another host"), text);
        assertTrue(text.contains("== on kvm1, the way back (replies) =="), text);

        CliRun unnamed = run("diagnose", "nas", "--to", "guest:kvm1:web1");
        assertEquals(1, unnamed.code());
        assertTrue(unnamed.err().contains("so the guest must too: give it as HOST:GUEST"), unnamed.err());
        CliRun connect = run("diagnose", "kvm2:nas", "--to", "guest:kvm1:web1", "--connect", "qemu:///system");
        assertEquals(2, connect.code());
        assertTrue(connect.err().contains("--connect, --demo, --netns and --ssh do not go with it"), connect.err());
        CliRun same = run("diagnose", "kvm1:nas", "--to", "guest:kvm1:web1");
        assertEquals(1, same.code());
        assertTrue(same.err().contains("both on kvm1: ask that host alone"), same.err());
        CliRun unknownTarget = run("diagnose", "kvm1:web1", "--to", "guest:kvm3:nas");
        assertEquals(2, unknownTarget.code(), "not read as a guest named 'kvm1:web1' of the default host");
        assertTrue(unknownTarget.err().contains("kvm3 is not a host of the fleet list (hosts: [kvm1, kvm2])"),
                unknownTarget.err());
        CliRun unknownSource = run("diagnose", "kvm3:web1", "--to", "guest:kvm1:web1");
        assertEquals(1, unknownSource.code());
        assertTrue(unknownSource.err().contains("so the guest must too (kvm3 is not one of them)"),
                unknownSource.err());
    }

    @Test
    void aForwardForOtherSourcesOnlyIsWhereTheWayInEnds() throws Exception {
        FleetDirs.twoDemoHosts(dir);
        CliRun add = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--from", "10.77.0.0/24", "--demo",
                "--yes");
        assertEquals(0, add.code(), add.err());
        String text = run("diagnose", "kvm2:nas", "--to", "guest:kvm1:web1").out();
        assertTrue(text.startsWith("kvm2:nas -> guest:kvm1:web1: NOT reachable\n"), text);
        assertTrue(text.contains("kvm1 network:default [forward-source-excluded]"), text);
        assertTrue(text.contains("ERROR forward-source-excluded: kvm1's port forward to web1 is for 10.77.0.0/24 only: "
                + "kvm2:nas's traffic comes from 192.168.1.51"), text);
        assertTrue(text.contains("virtwire forward add tcp HOST-PORT 192.168.122.10:80 --from 192.168.1.51"), text);
        assertFalse(text.contains("guest-hidden-from-lan"), "a forward leads in, for others only: " + text);
        JsonNode json = MAPPER.readTree(run("diagnose", "kvm2:nas", "--to", "guest:kvm1:web1", "--json").out());
        assertTrue(json.get("between").findValuesAsText("id").contains("forward-source-excluded"), json.toString());
    }
}
