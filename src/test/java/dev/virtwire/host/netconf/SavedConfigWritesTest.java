package dev.virtwire.host.netconf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostException;
import dev.virtwire.host.UplinkRevertScript;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirming a NetworkManager change reads the checkpoint's path kept on the host: no such file means no
 * checkpoint (it rolled back, or was confirmed already), but a file that cannot be read is a failure that says
 * so, with how to get root, never taken for "no checkpoint". The host is faked by the privilege prefix: a script
 * that answers {@code cat} as the case needs.
 */
class SavedConfigWritesTest {
    @TempDir
    Path dir;

    @Test
    void noKeptCheckpointIsNoCheckpoint() throws IOException {
        SavedConfigWrites writes = writesWhoseCatSays("cat: /run/virtwire/nm-checkpoint-c1: No such file or directory");
        assertFalse(writes.destroyCheckpoint("c1"));
    }

    @Test
    void aKeptCheckpointThatCannotBeReadIsAFailureNotNoCheckpoint() throws IOException {
        SavedConfigWrites writes = writesWhoseCatSays("cat: /run/virtwire/nm-checkpoint-c1: Permission denied");
        HostException e = assertThrows(HostException.class, () -> writes.destroyCheckpoint("c1"));
        assertTrue(e.getMessage().startsWith("cannot read /run/virtwire/nm-checkpoint-c1 on "), e.getMessage());
        assertTrue(e.getMessage().contains("could not get root"), e.getMessage());
    }

    /** The armed file gone: the timer ran (or never was), too late to keep the change. */
    @Test
    void aTimerWhoseArmedFileIsGoneIsTooLate() throws IOException {
        SavedConfigWrites writes = writesWhoseRmSays("rm: cannot remove '/run/virtwire/revert-t1.batch.armed': No such "
                + "file or directory", 1);
        assertFalse(writes.disarmUplinkRevert("t1", List.of()));
    }

    /**
     * A stop that failed otherwise (ssh could not reach the host) leaves the timer running: a failure naming the
     * command, never "too late", and nothing after it runs (the timer needs the copies it puts back).
     */
    @Test
    void aTimerThatCouldNotBeStoppedIsAFailureNotTooLate() throws IOException {
        SavedConfigWrites writes = writesWhoseRmSays("ssh: connect to host lab port 22: Connection timed out", 255);
        HostException e = assertThrows(HostException.class, () -> writes.disarmUplinkRevert("t1", List.of()));
        assertTrue(e.getMessage().contains("rm /run/virtwire/revert-t1.batch.armed' failed on this machine (exit 255): "
                + "ssh: connect to host lab port 22: Connection timed out"), e.getMessage());
        assertFalse(Files.readString(dir.resolve("log")).contains("rm -f"), "nothing after the failed stop");
    }

    /**
     * After the armed file was found gone, the timer's mark says whether it ran: removed (it was there), it ran; not
     * there, it never ran (the host restarted before the deadline); a host that cannot say is a failure, never
     * either.
     */
    @Test
    void theTimersMarkSaysWhetherItRan() throws IOException {
        assertTrue(writesWhoseRmSays("", 0).uplinkRevertRan("t1", List.of()));
        assertTrue(Files.readString(dir.resolve("log")).contains("rm /run/virtwire/revert-t1.batch.ran"));
        Files.delete(dir.resolve("log"));
        ConfigFile before = new ConfigFile("/etc/network/interfaces", "iface eth0 inet dhcp\n", "644", "root", "root");
        assertFalse(writesWhoseRmSays("rm: cannot remove '/run/virtwire/revert-t1.batch.ran': No such file or "
                + "directory", 1).uplinkRevertRan("t1", List.of(new ConfigFileChange(Optional.of(before),
                Optional.of(before.withText("iface brlan inet dhcp\n"))))));
        assertTrue(Files.readString(dir.resolve("log")).contains(UplinkRevertScript.kept("/etc/network/interfaces",
                "t1")), "it never ran: the copy it kept goes");
        SavedConfigWrites unreachable = writesWhoseRmSays("ssh: connect to host lab port 22: Connection timed out", 255);
        HostException e = assertThrows(HostException.class, () -> unreachable.uplinkRevertRan("t1", List.of()));
        assertTrue(e.getMessage().contains("Connection timed out"), e.getMessage());
    }

    /**
     * A mark that cannot be read (a directory in its place; rm's words, as it says them) is not "never ran": the host
     * cannot say, and the copies the timer kept stay, since it may still be putting them back.
     */
    @Test
    void aMarkThatCannotBeRemovedSaysNeither() throws IOException {
        ConfigFile before = new ConfigFile("/etc/network/interfaces", "iface eth0 inet dhcp\n", "644", "root", "root");
        SavedConfigWrites writes = writesWhoseRmSays("rm: cannot remove '/run/virtwire/revert-t1.batch.ran': Is a "
                + "directory", 1);
        HostException e = assertThrows(HostException.class, () -> writes.uplinkRevertRan("t1", List.of(
                new ConfigFileChange(Optional.of(before), Optional.of(before.withText("iface brlan inet dhcp\n"))))));
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());
        assertFalse(Files.readString(dir.resolve("log")).contains(UplinkRevertScript.kept("/etc/network/interfaces",
                "t1")), "the kept copy stays");
    }

    /** A privilege prefix whose {@code rm} of a file (not {@code rm -f}) fails so; it logs every command. */
    private SavedConfigWrites writesWhoseRmSays(String message, int exit) throws IOException {
        Path fake = dir.resolve("fake-root");
        Files.writeString(fake, "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("log") + "'\ncase \" $* \" in *' rm /'*) "
                + "echo '" + message + "' >&2; exit " + exit + " ;; esac\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return new SavedConfigWrites(new CommandRunner(new Target.Local()), new Privilege(List.of(fake.toString())));
    }

    /** A privilege prefix whose cat fails with this message; every other command succeeds and prints nothing. */
    private SavedConfigWrites writesWhoseCatSays(String message) throws IOException {
        Path fake = dir.resolve("fake-root");
        Files.writeString(fake, "#!/bin/sh\ncase \" $* \" in *' cat '*) echo '" + message + "' >&2; exit 1 ;; esac\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return new SavedConfigWrites(new CommandRunner(new Target.Local()), new Privilege(List.of(fake.toString())));
    }
}
