package dev.virtwire.host.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managers' folders are listed in one ls ahead of their readers; what it could not list is listed alone. */
class FoldersListedAheadTest {
    @TempDir
    Path tmp;

    @Test
    void oneLsListsEveryFolderAndTheReadersAskNoMore() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.writeString(a.resolve("10-x.network"), "");
        Files.writeString(a.resolve("name with spaces.yaml"), "");
        Files.writeString(a.resolve(".hidden"), "");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String missing = tmp.resolve("missing").toString();
        List<List<String>> ran = new CopyOnWriteArrayList<>();
        CommandRunner here = new CommandRunner(new Target.Local());
        HostCommands commands = argv -> {
            ran.add(argv);
            return here.run(argv);
        };
        List<String> folders = List.of(a.toString(), missing, empty.toString());
        HostFiles files = new HostFiles(commands, folders, ForkJoinPool.commonPool());

        assertEquals(List.of(".hidden", "10-x.network", "name with spaces.yaml"), files.list(a.toString()));
        assertEquals(List.of(), files.list(missing));
        assertEquals(List.of(), files.list(empty.toString()));
        assertEquals(1, ran.size(), ran::toString);
        files.list(tmp.toString()); // not listed ahead: listed now
        assertEquals(2, ran.size(), ran::toString);
    }

    @Test
    void aFolderLsCouldNotListIsListedAloneAndSaysWhy() {
        String denied = "/etc/denied";
        CommandResult ahead = new CommandResult(List.of("ls"), 2, "/etc/denied:\n/etc/ok:\nx\n",
                "ls: cannot open directory '/etc/denied': Permission denied\n");
        var listed = HostFiles.listings(List.of(denied, "/etc/ok"), ahead);
        assertEquals(List.of("x"), listed.get("/etc/ok"));
        assertFalse(listed.containsKey(denied), listed::toString);

        List<List<String>> ran = new ArrayList<>();
        HostCommands commands = argv -> {
            ran.add(argv);
            return ran.size() == 1 ? ahead : new CommandResult(argv, 2, "", ahead.stderr());
        };
        HostFiles files = new HostFiles(commands, List.of(denied, "/etc/ok"), Runnable::run);
        var e = assertThrows(HostException.class, () -> files.list(denied));
        assertEquals("cannot list /etc/denied: ls: cannot open directory '/etc/denied': Permission denied",
                e.getMessage());
    }
}
