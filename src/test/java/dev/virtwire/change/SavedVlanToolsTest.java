package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.LinkOwner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Virtwire writes to save a VLAN, given to each manager's own tool where it checks a file without the kernel's
 * 802.1Q support (this machine has none, so no VLAN link is made here): netplan renders the two YAML files with the
 * user's ({@code netplan generate --root-dir}); ifupdown shows what {@code ifup} would run for the stanzas ({@code
 * --no-act}) and the bridge's options; NetworkManager's nmcli normalises the VLAN profile offline. These tools are
 * installed on the build machine (netplan.io, ifupdown, network-manager); a missing one fails the test.
 */
class SavedVlanToolsTest {

    @Test
    void netplanRendersTheVlanOnTheTrunkAndTheBridgeOnTheVlan(@TempDir Path root) throws Exception {
        var before = Map.of(SavedVlanPlannerTest.NETPLAN.path(), SavedVlanPlannerTest.NETPLAN);
        Plan plan = SavedVlanPlannerTest.plan(SavedVlanPlannerTest.ownedBy(LinkOwner.NETPLAN,
                SavedVlanPlannerTest.NETPLAN.path() + ":4", SavedVlanPlannerTest.NETPLAN.path()), before,
                SavedVlanPlannerTest.VLAN42);
        FilesInMemory host = new FilesInMemory(before);
        host.apply(plan.operations());
        writeUnder(root, host.files.values());
        String out = run(root, "netplan", "generate", "--root-dir", root.toString());
        Path rendered = root.resolve("run/systemd/network");
        assertEquals("[NetDev]\nName=eth0.42\nKind=vlan\n\n[VLAN]\nId=42\n",
                Files.readString(rendered.resolve("10-netplan-eth0.42.netdev")), out);
        assertTrue(Files.readString(rendered.resolve("10-netplan-eth0.network")).contains("\nVLAN=eth0.42\n"));
        assertTrue(Files.readString(rendered.resolve("10-netplan-eth0.42.network")).contains("\nBridge=br42\n"));
        assertTrue(Files.readString(rendered.resolve("10-netplan-br42.netdev")).contains("Kind=bridge"));
    }

    @Test
    void netplanRendersTheVlanAsThePortOfABridgeItMadeBefore(@TempDir Path root) throws Exception {
        ConfigFile bridge = NetplanPlanner.own("/etc/netplan/90-virtwire-br42.yaml", "  bridges:\n    br42:\n"
                + "      link-local: []\n      parameters:\n        stp: false\n        forward-delay: 15\n");
        var before = Map.of(SavedVlanPlannerTest.NETPLAN.path(), SavedVlanPlannerTest.NETPLAN, bridge.path(), bridge);
        Plan plan = SavedVlanPlannerTest.plan(SavedVlanPlannerTest.withBridge(SavedVlanPlannerTest.ownedBy(
                LinkOwner.NETPLAN, SavedVlanPlannerTest.NETPLAN.path() + ":4", SavedVlanPlannerTest.NETPLAN.path()),
                dev.virtwire.model.SavedLink.of("br42", LinkOwner.NETPLAN, bridge.path() + ":4",
                        dev.virtwire.model.SavedAddresses.none())), before, SavedVlanPlannerTest.VLAN42);
        FilesInMemory host = new FilesInMemory(before);
        host.apply(plan.operations());
        writeUnder(root, host.files.values());
        String out = run(root, "netplan", "generate", "--root-dir", root.toString());
        assertTrue(Files.readString(root.resolve("run/systemd/network/10-netplan-eth0.42.network"))
                .contains("\nBridge=br42\n"), out);
    }

    @Test
    void ifupdownMakesTheVlanFromItsStanzaAndPutsItInTheBridge(@TempDir Path dir) throws Exception {
        var before = Map.of(IfupdownPlanner.MAIN, SavedVlanPlannerTest.INTERFACES);
        Plan plan = SavedVlanPlannerTest.plan(SavedVlanPlannerTest.ownedBy(LinkOwner.IFUPDOWN, IfupdownPlanner.MAIN
                + ":6", IfupdownPlanner.MAIN), before, SavedVlanPlannerTest.VLAN42);
        FilesInMemory host = new FilesInMemory(before);
        host.apply(plan.operations());
        Path interfaces = dir.resolve("interfaces");
        Files.writeString(interfaces, host.files.get(IfupdownPlanner.MAIN).text());
        Path state = Files.createDirectory(dir.resolve("state"));
        String vlan = run(dir, "ifup", "--no-act", "-v", "-i", interfaces.toString(), "--state-dir", state.toString(),
                "eth0.42");
        assertTrue(vlan.contains("ip link add link eth0 name eth0.42 type vlan id 42"),
                "ifupdown makes the dotted VLAN itself: " + vlan);
        String bridge = run(dir, "ifquery", "-i", interfaces.toString(), "--state-dir", state.toString(), "br42");
        assertTrue(bridge.contains("bridge_ports: eth0.42"), bridge);
        String auto = run(dir, "ifquery", "-i", interfaces.toString(), "--state-dir", state.toString(), "--list");
        assertEquals(List.of("lo", "eth0.42", "br42"), auto.lines().filter(l -> !l.isBlank()).toList(),
                "both come up at boot, the VLAN first");
    }

    @Test
    void networkManagerKeepsTheVlanProfileAsItIs(@TempDir Path dir) throws Exception {
        Plan plan = SavedVlanPlannerTest.plan(SavedVlanPlannerTest.ownedBy(LinkOwner.NETWORK_MANAGER, "uplink",
                "nmcli general"), Map.of(), SavedVlanPlannerTest.VLAN42);
        ConfigFile keyfile = ((NmProfileOp) plan.operations().get(1)).after().orElseThrow();
        Path file = dir.resolve("vlan.nmconnection");
        Files.writeString(file, keyfile.text());
        String normalised = run(dir, file, "nmcli", "--offline", "connection", "modify", "connection.id",
                "vlan-eth0.42");
        for (String line : List.of("type=vlan", "interface-name=eth0.42", "master=br42", "slave-type=bridge", "id=42",
                "parent=eth0")) {
            assertTrue(normalised.lines().anyMatch(line::equals), line + " in " + normalised);
        }
        assertTrue(!normalised.contains("[ipv4]"), "a port has no IP settings of its own: " + normalised);
    }

    private static void writeUnder(Path root, java.util.Collection<ConfigFile> files) throws IOException {
        for (ConfigFile f : files) {
            Path p = root.resolve(f.path().substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.text());
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String run(Path dir, String... argv) throws Exception {
        return run(dir, null, argv);
    }

    /** The program's output (stdout and stderr); it must exit 0 within 30 s. */
    private static String run(Path dir, Path stdin, String... argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", argv) + " did not end");
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }
}
