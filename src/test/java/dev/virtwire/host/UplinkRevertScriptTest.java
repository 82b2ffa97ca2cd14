package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's program run as the host runs it, with no delay and the managers' and ip's commands replaced by
 * ones that only write down how they were called: what it puts back, and in which order it has the manager and ip
 * act, unconfirmed; and that a confirmed one only removes the copies it kept.
 */
class UplinkRevertScriptTest {
    @TempDir
    Path dir;

    @Test
    void unconfirmedAnMtuChangePutsTheFilesBackHasNetworkdReadThemAndRunsTheIpBatchLast() throws Exception {
        Path file = write("40-eth0.network", "MTUBytes=1400\n");
        Path kept = write(".40-eth0.network.kept", "as it was\n");
        Path added = write("92-virtwire-mtu-eth0.yaml", "mtu: 1400\n");
        Path batch = write("revert.batch", "link set dev eth0 mtu 1500\n");
        write("revert.batch.armed", "");
        run("systemd-networkd", "", "eth0", kept.toString(), file.toString(), "", added.toString());
        assertEquals("as it was\n", Files.readString(file));
        assertFalse(Files.exists(kept) || Files.exists(added) || Files.exists(batch), "kept copy, new file, batch gone");
        assertEquals(List.of("networkctl reload", "ip -force -batch " + batch), calls());
        assertTrue(Files.exists(dir.resolve("revert.batch.ran")), "its mark that it ran, left for a confirmation");
    }

    @Test
    void unconfirmedNetplanRendersAgainFirstAndIfupdownReloadsNothing() throws Exception {
        write("revert.batch", "link set dev eth0 mtu 1500\n");
        write("revert.batch.armed", "");
        run("netplan", "", "eth0");
        assertEquals(List.of("netplan generate", "networkctl reload", "ip -force -batch " + dir.resolve("revert.batch")),
                calls());
        Files.delete(dir.resolve("calls"));
        write("revert.batch", "link set dev eth0 mtu 1500\n");
        write("revert.batch.armed", "");
        run("ifupdown", "", "eth0");
        assertEquals(List.of("ip -force -batch " + dir.resolve("revert.batch")), calls());
    }

    @Test
    void unconfirmedBridgingDeletesTheBridgeFirstHasTheManagerBringTheNicUpAfterTheFilesAndAnnouncesIt()
            throws Exception {
        write("revert.batch.armed", "");
        run("ifupdown", "brlan", "eth0");
        assertEquals(List.of("ifdown --force brlan", "ip link del brlan", "ifup eth0",
                "arping -q -U -c 2 -I eth0 10.77.0.2"), calls(), "the address announced at eth0's MAC; no ip batch");
        Files.delete(dir.resolve("calls"));
        write("revert.batch.armed", "");
        run("systemd-networkd", "brlan", "eth0");
        assertEquals(List.of("ip link del brlan", "networkctl reload", "networkctl reconfigure eth0",
                "arping -q -U -c 2 -I eth0 10.77.0.2"), calls());
    }

    /** netplan rendered for NetworkManager: its checkpoint took back what runs; the timer only puts the YAML back. */
    @Test
    void unconfirmedNetplanForNetworkManagerPutsTheYamlBackRendersItAndHasNetworkManagerReadIt() throws Exception {
        Path theirs = write("01-lab.yaml", "network: {}\n");
        Path kept = write(".01-lab.yaml.kept", "as it was\n");
        Path ours = write("90-virtwire-brlan.yaml", "bridges: {}\n");
        write("revert.batch.armed", "");
        run("NetworkManager", "", "eth0", kept.toString(), theirs.toString(), "", ours.toString());
        assertEquals("as it was\n", Files.readString(theirs));
        assertFalse(Files.exists(kept) || Files.exists(ours), "kept copy and Virtwire's file gone");
        assertEquals(List.of("netplan generate", "nmcli connection reload"), calls(),
                "no bridge deleted (the checkpoint's), nothing of networkd's");
    }

    @Test
    void confirmedOnlyTheKeptCopiesGo() throws Exception {
        Path file = write("40-eth0.network", "MTUBytes=1400\n");
        Path kept = write(".40-eth0.network.kept", "as it was\n");
        write("revert.batch", "link set dev eth0 mtu 1500\n");
        run("systemd-networkd", "", "eth0", kept.toString(), file.toString());
        assertEquals("MTUBytes=1400\n", Files.readString(file));
        assertFalse(Files.exists(kept));
        assertEquals(List.of(), calls());
        assertFalse(Files.exists(dir.resolve("revert.batch.ran")), "no mark: it did not take over");
    }

    /**
     * A mark that cannot be written (a directory in its place) must not stop the revert: sh exited before it ran. The
     * same revert as an unconfirmed MTU change's, all of it.
     */
    @Test
    void aMarkThatCannotBeWrittenDoesNotStopTheRevert() throws Exception {
        Files.createDirectory(dir.resolve("revert.batch.ran"));
        unconfirmedAnMtuChangePutsTheFilesBackHasNetworkdReadThemAndRunsTheIpBatchLast();
    }

    /** The program with a delay of 0 s; the commands it may call write their argv to {@code calls}. */
    private void run(String manager, String bridge, String nic, String... pairs) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String command : List.of("ip", "networkctl", "netplan", "ifup", "ifdown", "arping", "nmcli")) {
            Path stub = bin.resolve(command);
            // ip -o addr show: the NIC has its address (what the program waits for, then announces)
            Files.writeString(stub, "#!/bin/sh\nif [ \"$1\" = -o ]; then echo '2: " + nic + "    inet 10.77.0.2/24 brd "
                    + "10.77.0.255 scope global " + nic + "'; exit 0; fi\necho \"" + command + " $*\" >> "
                    + dir.resolve("calls") + "\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", UplinkRevertScript.REVERT, "virtwire-watchdog", "0",
                dir.resolve("revert.batch").toString(), manager, bridge, nic));
        argv.addAll(List.of(pairs));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the program ends");
    }

    private List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
