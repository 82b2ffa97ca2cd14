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
 * apply of the same command does (a libvirt network defined from a here-document and started; a Linux bridge;
 * a network restarted, its running guests' taps plugged back into its bridge).
 */
@LabTest
@LabUpOncePerClass // each test undoes what its script did
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

    /**
     * A restart's script names every tap it plugs back into the bridge, and runs those plugs: after it, the
     * guests on the network are on its bridge again and g1 reaches the internet.
     */
    @Test
    void aRestartsScriptPlugsTheGuestsTapsBackIn() throws Exception {
        List<String> taps = tapsOnDefault(snapshot());
        assertTrue(!taps.isEmpty(), "the lab's default network has running guests");
        CliRun script = cli(List.of("network", "restart", "default"), "--dry-run", "--script");
        assertEquals(0, script.code(), script.err());
        for (String tap : taps) {
            assertTrue(script.out().contains("\nip link set dev " + tap + " master virbr0\n"), script.out());
        }
        Path file = Files.writeString(state.resolve("restart.sh"), script.out());
        try {
            CommandResult ran = lab.exec("sh", file.toString());
            assertTrue(ran.ok(), "the script failed: " + ran + "\n" + script.out());
            HostSnapshot after = snapshot();
            for (String tap : taps) {
                assertEquals(Optional.of("virbr0"), after.link(tap).orElseThrow().master(), tap + " is plugged in");
            }
            assertTrue(Eventually.within(java.time.Duration.ofSeconds(60), () -> lab.guestExec("g1", "ping", "-c",
                    "1", "-W", "2", lab.internet()).ok()), "g1 reaches the internet after the scripted restart");
        } finally {
            if (!snapshot().network("default").orElseThrow().active()) { // the script stopped half-way
                cli(List.of("network", "start", "default"), "--yes");
            }
        }
    }

    /** The taps of the running guests on the lab's default network, as they are plugged into virbr0. */
    private static List<String> tapsOnDefault(HostSnapshot s) {
        return s.guests().stream().filter(dev.virtwire.model.Guest::isRunning).flatMap(g -> g.nics().stream())
                .filter(n -> n.source().filter("default"::equals).isPresent()).flatMap(n -> n.target().stream())
                .filter(t -> s.link(t).flatMap(l -> l.master()).filter("virbr0"::equals).isPresent()).sorted()
                .toList();
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
