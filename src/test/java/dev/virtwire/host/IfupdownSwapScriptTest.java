package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ifupdown's swap of the uplink's stanza run as the host runs it, the argv {@link IfupdownSwapScript#swap} gives,
 * with ifdown, ifup, ip and arping replaced by ones that write down how they were called: a link has an address
 * only once ifup brought it up, so an announcement shows that the program waited for it.
 */
class IfupdownSwapScriptTest {
    @TempDir
    Path dir;

    @Test
    void bridgingPutsTheFileInPlaceBringsTheBridgeUpAndAnnouncesItsAddressThere() throws Exception {
        Path file = write("interfaces", "iface eth0 inet static\n");
        assertEquals(0, swap(file, "iface brlan inet static\n    bridge_ports eth0\n", "eth0", "brlan", ""));
        assertEquals("iface brlan inet static\n    bridge_ports eth0\n", Files.readString(file));
        assertEquals(List.of("ifdown eth0", "ifup brlan", "arping -q -U -c 1 -I brlan 10.77.0.2"), calls());
    }

    /** ifupdown2 brings up only the link named: the bridge with its ports (the NIC, which ifdown took down). */
    @Test
    void throughIfupdown2TheBridgeComesUpWithItsPorts() throws Exception {
        Path file = write("interfaces", "iface eth0 inet static\n");
        assertEquals(0, swap(file, "iface brlan inet static\n    bridge-ports eth0\n", "eth0", "brlan", "", true));
        assertEquals(List.of("ifdown eth0", "ifup --with-depends brlan", "arping -q -U -c 1 -I brlan 10.77.0.2"),
                calls());
    }

    @Test
    void undoingTheBridgingBringsTheNicUpAndAnnouncesItsAddressAtTheNicsMac() throws Exception {
        Path file = write("interfaces", "iface brlan inet static\n    bridge_ports eth0\n");
        assertEquals(0, swap(file, "iface eth0 inet static\n", "brlan", "eth0", ""));
        assertEquals("iface eth0 inet static\n", Files.readString(file));
        assertEquals(List.of("ifdown brlan", "ifup eth0", "arping -q -U -c 1 -I eth0 10.77.0.2"), calls());
    }

    @Test
    void aFailedIfupFailsTheStepAndAnnouncesNothing() throws Exception {
        Path file = write("interfaces", "iface brlan inet static\n");
        assertEquals(1, swap(file, "iface eth0 inet static\n", "brlan", "eth0", "ifup"));
        assertEquals(List.of("ifdown brlan", "ifup eth0"), calls());
    }

    @Test
    void aFailedIfdownLeavesTheFileAsItWas() throws Exception {
        Path file = write("interfaces", "iface brlan inet static\n");
        assertEquals(1, swap(file, "iface eth0 inet static\n", "brlan", "eth0", "ifdown"));
        assertEquals("iface brlan inet static\n", Files.readString(file));
        assertEquals(List.of("ifdown brlan"), calls());
    }

    /**
     * A bridge whose stanza gives it no address (manual, no address line): nothing to wait for or announce, so the
     * program ends at once; it waited 30 s for an address that never came.
     */
    @Test
    void aLinkItsStanzaGivesNoAddressIsNotWaitedFor() throws Exception {
        Path file = write("interfaces", "iface eth0 inet static\n");
        Files.createFile(dir.resolve("no-address"));
        long started = System.nanoTime();
        assertEquals(0, swap(file, "iface eth0 inet manual\n\niface brlan inet manual\n    bridge_ports eth0\n", "eth0",
                "brlan", ""));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "no wait");
        assertEquals(List.of("ifdown eth0", "ifup brlan"), calls());
    }

    /** A manual stanza whose up hook adds the address still has it announced. */
    @Test
    void aManualStanzaThatAddsItsAddressInAnUpHookIsAnnounced() throws Exception {
        Path file = write("interfaces", "iface eth0 inet static\n");
        assertEquals(0, swap(file, "iface brlan inet manual\n    bridge_ports eth0\n    up ip addr add 10.77.0.2/24 "
                + "dev brlan\n", "eth0", "brlan", ""));
        assertEquals(List.of("ifdown eth0", "ifup brlan", "arping -q -U -c 1 -I brlan 10.77.0.2"), calls());
    }

    @Test
    void anAddressIsWhatTheLinksOwnStanzasGive() {
        assertTrue(IfupdownSwapScript.givesAddress("iface brlan inet dhcp\n", "brlan"));
        assertTrue(IfupdownSwapScript.givesAddress("auto brlan\niface brlan inet manual\n\niface brlan inet6 auto\n",
                "brlan"));
        assertTrue(IfupdownSwapScript.givesAddress("iface brlan inet manual\n    address 10.0.0.1/24\n", "brlan"));
        assertFalse(IfupdownSwapScript.givesAddress("iface brlan inet manual\n    bridge_ports eth0\n"
                + "iface eth0 inet static\n    address 10.0.0.1/24\n", "brlan"));
        assertFalse(IfupdownSwapScript.givesAddress("iface brlan inet manual\nauto eth0\n    up ip addr add 10.0.0.1/24 "
                + "dev eth0\n", "brlan"), "an option after another keyword is not the bridge's");
    }

    /**
     * The swap's own argv on a file in {@link #dir}, its new text staged as tee would; {@code failing}: a command
     * that exits 1. Returns the program's exit status.
     */
    private int swap(Path file, String after, String down, String up, String failing) throws Exception {
        return swap(file, after, down, up, failing, false);
    }

    private int swap(Path file, String after, String down, String up, String failing, boolean ifupdown2)
            throws Exception {
        ConfigFile next = new ConfigFile(file.toString(), after, "644", "root", "root");
        List<HostCommand.Run> commands = IfupdownSwapScript.swap(next, down, up);
        Files.writeString(Path.of(SavedConfigCommands.staged(file.toString())), after);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String command : List.of("ifdown", "ifup", "ip", "arping")) {
            Path stub = bin.resolve(command);
            // ip -o addr show dev LINK: an address only on a link ifup brought up
            // ifup --help: ifupdown2's names --with-depends where ifupdown2 is what the test plays
            Files.writeString(stub, "#!/bin/sh\nif [ \"$1\" = --help ]; then " + (ifupdown2 ? "echo '  -w, "
                    + "--with-depends    run with all dependent interfaces.'" : "echo 'Usage: ifup <options>'")
                    + "; exit 0; fi\nif [ \"$1\" = -o ]; then while [ \"$1\" != dev ]; do shift; done; "
                    + "[ -e " + dir + "/up-\"$2\" ] && [ ! -e " + dir + "/no-address ] && echo \"2: $2    inet 10.77.0.2/24 brd 10.77.0.255 scope global $2\"; "
                    + "exit 0; fi\necho \"" + command
                    + " $*\" >> " + dir.resolve("calls") + "\n"
                    + (command.equals("ifup") ? "for a; do l=$a; done; touch " + dir + "/up-\"$l\"\n" : "")
                    + (command.equals(failing) ? "exit 1\n" : ""));
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder pb = new ProcessBuilder(commands.get(commands.size() - 1).argv());
        pb.environment().put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the program ends");
        return p.exitValue();
    }

    private List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
