package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.DemoEdits;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fix on HOST} line of {@code fleet check} is a command to paste: for a fleet named by --connect it
 * names the same hosts (it said {@code virtwire fleet fix ID --host H}, which reads the fleet list instead).
 */
class FleetFixLineTest {
    /** The demo host's NIC eth1 a port of virbr0 (NAT, DHCP), which holds a LAN address: rogue DHCP, fixable. */
    private static final String ROGUE_DHCP = """
            {"links": {"eth1": {"master": "virbr0"}, "virbr0": {"addresses": ["192.168.122.1/24", "192.168.1.31/24"]}}}""";

    @TempDir
    Path state;

    @Test
    void aFleetGivenWithConnectGetsAFixCommandThatConnectsToTheSameHosts() throws Exception {
        Path demo = HostAddress.demoStateDir(state);
        Files.createDirectories(demo);
        Files.writeString(demo.resolve("host.json"), TopologyJson.toText(DemoEdits.demoWith(ROGUE_DHCP)));
        CliRun check = CliRun.of("fleet", "check", "--connect", "demo:///", "--connect", "test:///default",
                "--state-dir", state.toString());
        String fixLine = check.out().lines().filter(l -> l.startsWith("  fix on demo: ")).findFirst()
                .orElseThrow(() -> new AssertionError(check.out() + check.err()));
        String command = "virtwire fleet fix rogue-dhcp --host demo --connect demo:/// --connect test:///default "
                + "--state-dir " + state;
        assertTrue(fixLine.endsWith("(" + command + ")"), fixLine);

        // pasted (as a shell splits it), it finds the same finding on the same host
        String[] pasted = (command.substring("virtwire ".length()) + " --dry-run").split(" ");
        CliRun dryRun = CliRun.of(pasted);
        assertEquals(0, dryRun.code(), dryRun.out() + dryRun.err());
        assertTrue(dryRun.out().contains("ip link set dev eth1 nomaster"), dryRun.out());
    }
}
