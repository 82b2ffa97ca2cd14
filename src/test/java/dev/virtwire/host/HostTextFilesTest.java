package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one reader and writer of host files, run for real on this machine's temporary folder: a missing file is
 * empty while one that cannot be read is an error; a written file holds the text byte for byte, keeps an existing
 * file's mode, gets the given mode when new, and no staged file is left behind.
 */
class HostTextFilesTest {
    @TempDir
    Path dir;

    private final HostTextFiles files = new HostTextFiles(new PrivilegedCommands(new CommandRunner(new Target.Local()),
            Privilege.none()));

    @Test
    void aMissingFileIsEmptyAndOneThatCannotBeReadIsAnErrorNamingIt() throws IOException {
        assertEquals(Optional.empty(), files.read(dir.resolve("none.conf").toString()));
        assertEquals(Optional.empty(), files.read(dir.resolve("none/under.conf").toString()));
        Files.writeString(dir.resolve("a.conf"), "x = 1\n");
        assertEquals(Optional.of("x = 1\n"), files.read(dir.resolve("a.conf").toString()));
        Path folder = Files.createDirectory(dir.resolve("folder.conf"));
        HostException e = assertThrows(HostException.class, () -> files.read(folder.toString()));
        assertTrue(e.getMessage().startsWith("cannot read " + folder + " on "), e.getMessage());
    }

    @Test
    void anExistingFileKeepsItsModeAndGetsTheTextByteForByteANewOneGetsTheGivenMode() throws IOException {
        PosixFileAttributes mine = Files.readAttributes(dir, PosixFileAttributes.class);
        String owner = mine.owner().getName();
        String group = mine.group().getName();
        Path existing = dir.resolve("60-test.conf");
        Files.writeString(existing, "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw----r--"));
        String text = "# kept: no newline at the end, a tab\tand ünïcode";
        files.write(new ConfigFile(existing.toString(), text, "600", owner, group));
        assertEquals(text, Files.readString(existing, StandardCharsets.UTF_8));
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));

        Path fresh = dir.resolve("new.conf");
        files.write(new ConfigFile(fresh.toString(), "n = 2\n", "640", owner, group));
        assertEquals("n = 2\n", Files.readString(fresh));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("60-test.conf", "new.conf"), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no staged file is left");
        }

        files.remove(fresh.toString());
        assertEquals(Optional.empty(), files.read(fresh.toString()));
    }

    @Test
    void theStagedFileIsHiddenInTheSameFolderSoNoManagerLoadsIt() {
        ConfigFile f = new ConfigFile("/etc/network/interfaces.d/br9", "auto br9\n", "644", "root", "root");
        assertEquals(List.of(new HostCommand.Run(List.of("tee", "/etc/network/interfaces.d/.br9.virtwire-new"),
                        "auto br9\n"),
                new HostCommand.Run(List.of("chmod", "644", "/etc/network/interfaces.d/.br9.virtwire-new")),
                new HostCommand.Run(List.of("chown", "root:root", "/etc/network/interfaces.d/.br9.virtwire-new")),
                new HostCommand.Run(List.of("mv", "-f", "/etc/network/interfaces.d/.br9.virtwire-new",
                        "/etc/network/interfaces.d/br9"))), SavedConfigCommands.write(f));
    }
}
