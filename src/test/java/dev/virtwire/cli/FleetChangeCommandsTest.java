package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fleet network-create`, `fleet undo` and `fleet history` on the command line: the preview per host and the
 * refusals. Applying, undoing and rolling back across hosts are FleetChangeTest's (simulated hosts) and
 * FleetLabTest's (the lab's two hosts).
 */
class FleetChangeCommandsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return FleetDirs.run(dir, args);
    }

    private void twoDemoHosts() throws Exception {
        FleetDirs.twoDemoHosts(dir);
    }

    @Test
    void aDryRunShowsEachHostsCommandsWithItsOwnAddresses() throws Exception {
        twoDemoHosts();
        CliRun run = run("fleet", "network-create", "lan2", "--mode", "nat", "--address", "192.168.60.1/24",
                "--address", "kvm2=192.168.61.1/24", "--dhcp", "kvm2=192.168.61.10-192.168.61.99", "--dry-run");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("Create network lan2 on kvm1, kvm2\non kvm1:\n"), out);
        int second = out.indexOf("on kvm2:");
        assertTrue(second > 0 && out.substring(0, second).contains("192.168.60.1"), out);
        assertTrue(out.substring(second).contains("192.168.61.1") && out.substring(second).contains("192.168.61.10"),
                out);
        assertTrue(out.strip().endsWith("(dry run: nothing was changed)"), out);
        assertEquals("No change across hosts yet.", run("fleet", "history").out().strip());
        assertEquals("{\"entries\": []}", run("fleet", "history", "--json").out().strip());
    }

    @Test
    void hostsOutsideTheChangeOrNamedTwiceAreRefused() throws Exception {
        twoDemoHosts();
        CliRun stranger = run("fleet", "network-create", "lan2", "--mode", "nat", "--hosts", "kvm1",
                "--address", "kvm2=192.168.61.1/24", "--dry-run");
        assertEquals(2, stranger.code());
        assertTrue(stranger.err().contains("kvm2 is not one of the hosts changed (kvm1)"), stranger.err());
        CliRun twice = run("fleet", "network-create", "lan2", "--mode", "nat", "--address", "kvm1=192.168.61.1/24",
                "--address", "kvm1=192.168.62.1/24", "--dry-run");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--address names kvm1 twice"), twice.err());
        CliRun bad = run("fleet", "network-create", "lan2", "--mode", "nat", "--address", "kvm1=192.168.61.300/24",
                "--dry-run");
        assertEquals(2, bad.code());
        CliRun unknown = run("fleet", "network-create", "lan2", "--mode", "nat", "--hosts", "kvm9", "--dry-run");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("the fleet has no host named kvm9: it has kvm1, kvm2"), unknown.err());
    }

    @Test
    void undoWithNothingAppliedSaysSo() throws Exception {
        twoDemoHosts();
        CliRun undo = run("fleet", "undo", "--yes");
        assertEquals(1, undo.code());
        assertTrue(undo.err().startsWith("virtwire: refused: nothing to undo: the fleet's history"), undo.err());
    }
}
