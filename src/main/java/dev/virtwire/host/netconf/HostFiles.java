package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.exec.Background;
import dev.virtwire.host.exec.CommandResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Files of the host being read, through its commands ({@code cat}, {@code ls}), so that a host in a network
 * namespace or over ssh is read where it is. A file that exists but cannot be read is a {@link HostException}
 * naming it; a missing one is empty.
 */
final class HostFiles {
    /** Messages in English whatever the host's locale, so "missing" can be told from "denied". */
    private static final List<String> C_LOCALE = List.of("env", "LC_ALL=C");
    private final HostCommands commands;
    /** Folders listed ahead in one {@code ls}; one not among them is listed when asked for. */
    private final CompletableFuture<Map<String, List<String>>> ahead;

    HostFiles(HostCommands commands) {
        this.commands = commands;
        this.ahead = CompletableFuture.completedFuture(Map.of());
    }

    /**
     * Lists these folders ahead, in one process instead of one each (each costs a process at the host, an ssh
     * session or a namespace's setup): the managers' folders are known before their readers ask.
     */
    HostFiles(HostCommands commands, List<String> folders, Executor executor) {
        this.commands = commands;
        this.ahead = CompletableFuture.supplyAsync(() -> {
            try {
                return listings(folders, commands.run(argv(folders)));
            } catch (RuntimeException e) {
                return Map.<String, List<String>>of(); // each folder is then listed alone, and says what failed
            }
        }, executor);
    }

    Optional<TextFile> read(String path) {
        return HostTextFiles.textOf(path, commands.run(HostTextFiles.readArgv(path)), "the host")
                .map(text -> TextFile.of(path, text));
    }

    /** The entries of a directory, sorted by name; empty when it does not exist. */
    List<String> list(String dir) {
        List<String> listed = Background.joined(ahead).get(dir);
        if (listed != null) {
            return listed;
        }
        CommandResult r = commands.run(argv("ls", "-1A", "--", dir));
        if (r.ok()) {
            return r.stdout().lines().filter(l -> !l.isBlank()).sorted().toList();
        }
        if (HostTextFiles.absent(r)) {
            return List.of();
        }
        throw new HostException("cannot list " + dir + ": " + r.stderr().strip());
    }

    private static List<String> argv(String... words) {
        List<String> out = new ArrayList<>(C_LOCALE);
        out.addAll(List.of(words));
        return out;
    }

    private static List<String> argv(List<String> folders) {
        List<String> out = argv("ls", "-1A", "--");
        out.addAll(folders);
        return out;
    }

    /**
     * Each folder's entries from {@code ls -1A -- FOLDER...}, which heads each listing with "FOLDER:" when given
     * several (an entry holds no slash, so it never looks like one); a missing folder is empty. A folder ls could
     * not list for another reason (denied) is left out: listed alone, it says why.
     */
    static Map<String, List<String>> listings(List<String> folders, CommandResult r) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> current = null;
        for (String line : r.stdout().lines().toList()) {
            String header = line.endsWith(":") ? line.substring(0, line.length() - 1) : "";
            if (folders.contains(header)) {
                current = new ArrayList<>();
                out.put(header, current);
            } else if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        Map<String, List<String>> sorted = new HashMap<>();
        out.forEach((folder, entries) -> sorted.put(folder, entries.stream().sorted().toList()));
        for (String folder : folders) {
            List<String> said = r.stderr().lines().filter(l -> l.contains("'" + folder + "'")).toList();
            if (said.isEmpty()) {
                continue;
            }
            if (said.stream().allMatch(l -> l.contains("No such file or directory") || l.contains("Not a directory"))) {
                sorted.put(folder, List.of());
            } else {
                sorted.remove(folder);
            }
        }
        return Map.copyOf(sorted);
    }
}
