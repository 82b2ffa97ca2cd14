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
        assertEquals(Optional.of(made), PrivateFolder.make(made));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), PrivateFolder.make(open), "a folder others may enter is not used");
        Path file = Files.writeString(dir.resolve("file"), "");
        assertEquals(Optional.empty(), PrivateFolder.make(file));
        assertEquals(Optional.empty(), PrivateFolder.make(dir.resolve("missing/virtwire-ssh")),
                "a runtime dir that is not there is not made");
    }

    @Test
    void aFolderTooLongForSshsSocketPathGetsNoSharing() {
        Path fits = Path.of("/run/user/1000/virtwire-ssh");
        assertEquals(Optional.of(fits), SshSharing.usable(fits));
        // ssh binds FOLDER/<40 hex>.<16 random> first: 107 bytes at most
        Path longest = Path.of("/" + "a".repeat(SshSharing.LONGEST_FOLDER - 1));
        assertEquals(107, longest.toString().length() + 1 + 40 + 1 + 16);
        assertEquals(Optional.of(longest), SshSharing.usable(longest));
        assertEquals(Optional.empty(), SshSharing.usable(Path.of(longest + "b")));
        assertEquals(Optional.empty(), SshSharing.usable(Path.of("/run/user/100%d/virtwire-ssh")), "a token of ssh's");
        assertEquals(Optional.empty(), SshSharing.usable(Path.of("/run/my runtime/virtwire-ssh")));
    }

    @Test
    void theCommandShownToTheUserIsOneTheyCanRunWithoutTheSharedConnection() {
        Target.Ssh ssh = new Target.Ssh("root@kvm1", "ssh");
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "--", "root@kvm1", "'env'",
                "'LC_ALL=C'", "'ping'", "'-c1'", "'10.0.0.1'"), ssh.shown(List.of("ping", "-c1", "10.0.0.1")));
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
