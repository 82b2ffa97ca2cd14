package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel watchdog's program run as the host runs it, with no delay and ip replaced by one that writes down how it
 * was called: unconfirmed, it leaves its mark that it ran and runs the batch; confirmed (armed file gone), neither.
 */
class RevertWatchdogScriptTest {
    @TempDir
    Path dir;

    @Test
    void unconfirmedItLeavesItsMarkAndRunsTheBatch() throws Exception {
        Files.writeString(dir.resolve("revert.batch.armed"), "");
        run();
        assertTrue(Files.exists(dir.resolve("revert.batch.ran")), "the mark that it ran");
        assertFalse(Files.exists(dir.resolve("revert.batch.armed")) || Files.exists(dir.resolve("revert.batch")));
        assertEquals(List.of("ip -force -batch " + dir.resolve("revert.batch")), Files.readAllLines(dir.resolve("calls")));
    }

    @Test
    void confirmedItLeavesNoMarkAndRunsNothing() throws Exception {
        run();
        assertFalse(Files.exists(dir.resolve("revert.batch.ran")), "no mark: it did not take over");
        assertFalse(Files.exists(dir.resolve("calls")));
        assertFalse(Files.exists(dir.resolve("revert.batch")), "the batch goes either way");
    }

    /** A mark that cannot be written (a directory in its place) must not stop the revert: sh exited before it ran. */
    @Test
    void aMarkThatCannotBeWrittenDoesNotStopTheRevert() throws Exception {
        Files.createDirectory(dir.resolve("revert.batch.ran"));
        unconfirmedItLeavesItsMarkAndRunsTheBatch();
    }

    private void run() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("revert.batch"), "link del br0\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ip = bin.resolve("ip");
        Files.writeString(ip, "#!/bin/sh\necho \"ip $*\" >> " + dir.resolve("calls") + "\n");
        Files.setPosixFilePermissions(ip, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", RevertWatchdogScript.PROGRAM, "virtwire-watchdog", "0",
                dir.resolve("revert.batch").toString());
        pb.environment().put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        assertTrue(pb.start().waitFor(10, TimeUnit.SECONDS), "the program ends");
    }
}
