package dev.virtwire.host.netconf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostException;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    /** A privilege prefix whose cat fails with this message; every other command succeeds and prints nothing. */
    private SavedConfigWrites writesWhoseCatSays(String message) throws IOException {
        Path fake = dir.resolve("fake-root");
        Files.writeString(fake, "#!/bin/sh\ncase \" $* \" in *' cat '*) echo '" + message + "' >&2; exit 1 ;; esac\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return new SavedConfigWrites(new CommandRunner(new Target.Local()), new Privilege(List.of(fake.toString())));
    }
}
