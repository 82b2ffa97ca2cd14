package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.exec.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files of the host being read, through its commands ({@code cat}, {@code ls}), so that a host in a network
 * namespace or over ssh is read where it is. A file that exists but cannot be read is a {@link HostException}
 * naming it; a missing one is empty.
 */
final class HostFiles {
    /** Messages in English whatever the host's locale, so "missing" can be told from "denied". */
    private static final List<String> C_LOCALE = List.of("env", "LC_ALL=C");
    private final HostCommands commands;

    HostFiles(HostCommands commands) {
        this.commands = commands;
    }

    Optional<TextFile> read(String path) {
        return HostTextFiles.textOf(path, commands.run(HostTextFiles.readArgv(path)), "the host")
                .map(text -> TextFile.of(path, text));
    }

    /** The entries of a directory, sorted by name; empty when it does not exist. */
    List<String> list(String dir) {
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
}
