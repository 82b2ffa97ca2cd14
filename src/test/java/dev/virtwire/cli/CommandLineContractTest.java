package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One option grammar (host options anywhere), a demo host whose state and history last from one command to
 * the next, undo and redo that preview, and suggested commands that can be pasted as they are.
 */
class CommandLineContractTest {
    private static final String WEB1 = "52:54:00:3a:10:01";

    @TempDir
    Path state;

    @Test
    void hostOptionsGoBeforeOrAfterTheCommandAndOnEverySubcommand() {
        String dir = state.toString();
        for (String[] args : new String[][] {
            {"--demo", "--state-dir", dir, "topology", "--json"},
            {"topology", "--demo", "--json", "--state-dir", dir},
            {"--demo", "network", "--state-dir", dir, "create", "lan2", "--mode", "isolated", "--address",
                "192.168.60.1/24", "--dry-run"},
            {"network", "create", "lan2", "--mode", "isolated", "--address", "192.168.60.1/24", "--dry-run",
                "--demo", "--state-dir", dir},
            {"forward", "--demo", "list", "--state-dir=" + dir}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void aMissingValueSaysWhatGoesThereAndContradictionsNameBothOptions() {
        CliRun missing = CliRun.of("topology", "--connect");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("virtwire: --connect needs a value (e.g. qemu:///system)"), missing.err());
        CliRun both = CliRun.of("topology", "--demo", "--connect", "test:///default");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--demo and --connect"), both.err());
        CliRun notAUri = CliRun.of("topology", "--connect", "not a uri");
        assertEquals(2, notAUri.code());
        assertTrue(notAUri.err().contains("'not a uri' is not a libvirt URI"), notAUri.err());
        CliRun noDriver = CliRun.of("topology", "--connect", "bogus://x");
        assertEquals(2, noDriver.code());
        assertTrue(noDriver.err().contains("'bogus' is not one of qemu, test"), noDriver.err());
        for (String[] number : new String[][] {{"link", "mtu", "br0", "big"}, {"link", "mtu", "br0", "12"}}) {
            CliRun mtu = run(number);
            assertEquals(2, mtu.code(), mtu.err());
            assertTrue(mtu.err().contains("is not an MTU: use a number from 68 to 65535"), mtu.err());
        }
        CliRun delay = run("bridge", "create", "br9", "--forward-delay", "soon", "--dry-run");
        assertEquals(2, delay.code(), delay.err());
        assertTrue(delay.err().contains("'soon' is not a forward delay: use a number from 0 to 30"), delay.err());
        CliRun script = CliRun.of("bridge", "create", "br9", "--script", "--demo", "--state-dir", state.toString());
        assertEquals(2, script.code());
        assertTrue(script.err().contains("--script goes with --dry-run"), script.err());
    }

    @Test
    void theDemoHostLastsFromOneCommandToTheNextUntilReset() throws Exception {
        assertEquals(0, run("mode", "web1", "bridged", "--yes").code());
        assertEquals("bridge", nicOfWeb1().path("type").asText());
        assertTrue(run("history").out().contains("Switch web1's NIC " + WEB1 + " to bridged"));

        CliRun preview = run("undo", "--dry-run");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().startsWith("Undo: Switch web1's NIC"), preview.out());
        assertTrue(preview.out().contains("<source network=\"default\"/>"), preview.out());
        assertEquals("bridge", nicOfWeb1().path("type").asText(), "a dry run changes nothing");

        CliRun undo = run("undo", "--yes");
        assertEquals(0, undo.code(), undo.err());
        assertEquals("network", nicOfWeb1().path("type").asText());
        CliRun redo = run("redo", "--yes");
        assertEquals(0, redo.code(), redo.err());
        assertEquals("bridge", nicOfWeb1().path("type").asText());

        assertEquals(0, run("demo", "reset").code());
        assertEquals("network", nicOfWeb1().path("type").asText());
        assertTrue(run("history").out().contains("no changes yet"));
    }

    @Test
    void undoWithoutATerminalAsksForYes() {
        assertEquals(0, run("bridge", "create", "br9", "--yes").code());
        CliRun r = run("undo");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("Undo: Create bridge br9") || r.out().startsWith("Undo: "), r.out());
        assertTrue(r.err().contains("add --yes"), r.err());
    }

    @Test
    void suggestedCommandsCarryTheHostOptionsQuoted() throws Exception {
        Path odd = Files.createDirectories(state.resolve("with space"));
        CliRun r = CliRun.of("diagnose", "mail", "--to", "internet", "--demo", "--state-dir", odd.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("apply it: virtwire fix mail tap-not-on-bridge --to internet --demo --state-dir '"
                + odd + "'"), r.out());
        CliRun uplink = CliRun.of("uplink", "bridge", "eth0", "--bridge", "brlan", "--confirm-within", "60",
                "--move-mac", "--demo", "--yes", "--state-dir", odd.toString());
        assertTrue(uplink.out().contains("`virtwire confirm --demo --state-dir '" + odd + "'`"), uplink.out());
        // a refusal of the change layer suggests its command with the same options
        CliRun refused = CliRun.of("attach", "web1", "--nic", WEB1, "--to", "network:lab", "--yes", "--demo",
                "--state-dir", odd.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("virtwire network start lab --demo --state-dir '" + odd + "'"),
                refused.err());
    }

    @Test
    void aDryRunScriptIsAShellScriptWithHereDocuments() {
        CliRun r = run("network", "create", "lan2", "--mode", "isolated", "--address", "192.168.60.1/24",
                "--dry-run", "--script");
        assertEquals(0, r.code(), r.err());
        String sh = r.out();
        assertTrue(sh.startsWith("#!/bin/sh\n"), sh);
        assertTrue(sh.contains("\nset -eu\n"), sh);
        assertTrue(sh.contains("\nvirsh net-define /dev/stdin <<'VIRTWIRE_END'\n<network><name>lan2</name>"), sh);
        assertTrue(sh.contains("\nVIRTWIRE_END\nvirsh net-autostart --disable lan2\n"), sh);
        assertTrue(sh.contains("\nvirsh net-start lan2\n"), sh);
        assertFalse(run("network", "start", "lan2", "--dry-run").code() == 0, "the script was not run");
    }

    @Test
    void aRestartsScriptPlugsTheNamedTapsBackIntoTheBridge() {
        CliRun r = run("network", "restart", "default", "--dry-run", "--script");
        assertEquals(0, r.code(), r.err());
        String sh = r.out();
        assertTrue(sh.contains("\nvirsh net-start default\nip link set dev vnet0 master virbr0\n"
                + "ip link set dev vnet1 master virbr0\n"), sh);
        assertFalse(sh.contains("<tap of") || sh.contains("# then"), "every re-plug runs, none is a comment: " + sh);
    }

    private JsonNode nicOfWeb1() throws Exception {
        JsonNode topology = new ObjectMapper().readTree(run("topology", "--json").out());
        for (JsonNode guest : topology.path("guests")) {
            if (guest.path("name").asText().equals("web1")) {
                return guest.path("nics").get(0);
            }
        }
        throw new AssertionError("no web1 in " + topology);
    }

    private CliRun run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 3);
        all[args.length] = "--demo";
        all[args.length + 1] = "--state-dir";
        all[args.length + 2] = state.toString();
        return CliRun.of(all);
    }
}
