package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The changing commands on the demo host: plans shown as commands, --dry-run, --yes, refusals. */
class ChangeCommandsTest {
    @TempDir
    Path state;

    @Test
    void modeBridgedDryRunShowsUpdateDeviceAndChangesNothing() {
        Run r = run("mode", "web1", "bridged", "--demo", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("virsh update-device web1 /dev/stdin --live --config"), r.out());
        assertTrue(r.out().contains("<source bridge=\"br0\"/>"), r.out());
        assertTrue(r.out().contains("dry run: nothing was changed"), r.out());
        assertTrue(!r.out().contains("detach-interface"), r.out());
    }

    @Test
    void changesApplyWithYes() {
        assertEquals(0, run("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--demo",
                "--yes").code());
        Run forward = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--demo", "--yes");
        assertEquals(0, forward.code(), forward.err());
        assertTrue(forward.out().contains("nft add rule ip virtwire prerouting tcp dport 8080 dnat to 192.168.122.10:80"),
                forward.out());
        Run network = run("network", "create", "lan2", "--mode", "nat", "--address", "192.168.60.1/24", "--dhcp",
                "192.168.60.100-192.168.60.200", "--demo", "--yes");
        assertEquals(0, network.code(), network.err());
        assertTrue(network.out().contains("virsh net-define /dev/stdin"), network.out());
    }

    @Test
    void uplinkBridgingSaysItNeedsConfirmation() {
        Run r = run("uplink", "bridge", "eth0", "--bridge", "brlan", "--confirm-within", "60", "--move-mac", "--demo",
                "--yes");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("default route"), r.out());
        assertTrue(r.out().contains("virtwire confirm"), r.out());
        assertTrue(r.out().contains("setsid -f sh -c"), r.out());
    }

    @Test
    void badInputIsRefusedWithExitCode1() {
        Run r = run("bridge", "create", "br;x", "--demo", "--yes");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no spaces, '/' or ';'"), r.err());
        Run mode = run("mode", "db1", "nat", "--demo", "--yes");
        assertEquals(1, mode.code());
        assertTrue(mode.err().contains("say which with --nic"), mode.err());
    }

    @Test
    void historyOfAFreshDemoHostIsEmpty() {
        Run r = run("history", "--demo", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("[ ]", r.out().strip());
        Run undo = run("undo", "--demo");
        assertEquals(1, undo.code());
        assertTrue(undo.err().contains("nothing to undo"), undo.err());
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VirtwireCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }
}
