package dev.virtwire.host.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshSharingTest {
    @TempDir
    Path dir;

    @Test
    void theConnectionsSocketIsMadeInAFolderOnlyItsUserCanEnter() throws IOException {
        Path made = dir.resolve("virtwire-ssh");
        assertEquals(Optional.of(made), SshSharing.privateFolder(made));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), SshSharing.privateFolder(open), "a folder others may enter is not used");
        Path file = Files.writeString(dir.resolve("file"), "");
        assertEquals(Optional.empty(), SshSharing.privateFolder(file));
    }

    @Test
    void onlyOpenSshsClientSharesItsConnectionAndTheCommandLineStaysOurs() {
        assertEquals(List.of(), SshSharing.options("/usr/bin/plink"));
        List<String> wrapped = new Target.Ssh("root@kvm1", "ssh").wrap(List.of("ip", "link"));
        assertTrue(wrapped.indexOf("--") > 0, wrapped::toString);
        assertTrue(wrapped.subList(0, wrapped.indexOf("--")).stream().allMatch(a -> a.equals("-o") || a.contains("=")
                || a.equals("ssh")), wrapped::toString);
        assertEquals(List.of("'env'", "'LC_ALL=C'", "'ip'", "'link'"), wrapped.subList(wrapped.indexOf("--") + 2,
                wrapped.size()));
    }
}
