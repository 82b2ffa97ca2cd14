package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.CliRun;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--dry-run --script` on the lab: the printed sh script, run by hand on the lab host, leaves the host as an
 * apply of the same command does (a libvirt network defined from a here-document and started; a Linux bridge).
 */
@LabTest
class ScriptLabTest {
    private static final String NETWORK = "vw-script";
    private static final String BRIDGE = "brscript";

    private final Lab lab;
    private final HostAddress address;

    @TempDir
    Path state;

    ScriptLabTest(Lab lab) {
        this.lab = lab;
        this.address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    @Test
    void theScriptDoesWhatTheApplyDoes() throws Exception {
        List<List<String>> commands = List.of(
                List.of("network", "create", NETWORK, "--mode", "isolated", "--address", "192.168.177.1/24"),
                List.of("bridge", "create", BRIDGE, "--forward-delay", "4"));
        List<String> before = relevant(snapshot());

        for (List<String> command : commands) {
            CliRun script = cli(command, "--dry-run", "--script");
            assertEquals(0, script.code(), script.err());
            Path file = Files.writeString(state.resolve(command.get(0) + ".sh"), script.out());
            CommandResult ran = lab.exec("sh", file.toString());
            assertTrue(ran.ok(), "the script failed: " + ran + "\n" + script.out());
        }
        List<String> scripted = relevant(snapshot());
        assertTrue(!scripted.equals(before), "the scripts changed nothing: " + scripted);
        // by hand, as the script did it: the apply below must start from the same host
        assertEquals(0, cli(List.of("network", "delete", NETWORK), "--yes").code());
        assertEquals(0, cli(List.of("bridge", "delete", BRIDGE), "--yes").code());
        assertEquals(before, relevant(snapshot()));

        for (List<String> command : commands) {
            CliRun applied = cli(command, "--yes");
            assertEquals(0, applied.code(), applied.err());
        }
        assertEquals(scripted, relevant(snapshot()), "the script and the apply left different hosts");

        for (int i = 0; i < commands.size(); i++) {
            CliRun undo = cli(List.of("undo"), "--yes");
            assertEquals(0, undo.code(), undo.err());
        }
        assertEquals(before, relevant(snapshot()));
    }

    /** The network and the bridge as the host shows them (less the UUID libvirt makes up at each define). */
    private static List<String> relevant(HostSnapshot s) {
        List<String> out = new ArrayList<>();
        s.network(NETWORK).map(n -> new dev.virtwire.model.VirtualNetwork(n.name(), Optional.empty(), n.active(),
                n.autostart(), n.mode(), n.bridge(), n.devices(), n.ips(), n.mtu(), n.bandwidth(), n.portgroups()))
                .ifPresent(n -> out.add(n.toString()));
        s.network(NETWORK).flatMap(n -> n.bridge()).flatMap(s::link).ifPresent(l -> out.add(l.toString()));
        s.link(BRIDGE).ifPresent(l -> out.add(l.toString()));
        return out;
    }

    private HostSnapshot snapshot() {
        try (Host host = Hosts.open(address)) {
            return host.snapshot();
        }
    }

    private CliRun cli(List<String> command, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(more));
        args.addAll(List.of("--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", state.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }
}
