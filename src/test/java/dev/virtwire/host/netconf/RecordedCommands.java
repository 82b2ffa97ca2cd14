package dev.virtwire.host.netconf;

import dev.virtwire.host.Golden;
import dev.virtwire.host.exec.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A host's commands answered from a golden case: {@code cat} and {@code ls} from its {@code root/} folder (the
 * host's / ), nmcli and networkctl from {@code commands/NAME.txt}; a tool without its file is not installed
 * (exit 127), {@code commands/NAME.err} makes it fail with that message (exit 1).
 */
final class RecordedCommands implements HostCommands {
    private static final Map<List<String>, String> RECORDED = Map.of(
            NetworkManagerProfiles.GENERAL, "nmcli-general",
            NetworkManagerProfiles.DEVICES, "nmcli-device",
            NetworkManagerProfiles.CONNECTIONS, "nmcli-connections",
            NetworkdFiles.LIST, "networkctl-list");
    private final Path root;
    private final Path commands;

    RecordedCommands(Path caseDir) {
        this.root = caseDir.resolve("root");
        this.commands = caseDir.resolve("commands");
    }

    @Override
    public CommandResult run(List<String> argv) {
        if (argv.size() == 5 && argv.get(0).equals("env") && argv.get(2).equals("cat")) {
            return cat(argv, argv.get(4));
        }
        if (argv.size() == 6 && argv.get(0).equals("env") && argv.get(2).equals("ls")) {
            return ls(argv, argv.get(5));
        }
        if (argv.size() > 6 && argv.get(0).equals("env") && argv.get(2).equals("ls")) {
            return lsMany(argv, argv.subList(5, argv.size()));
        }
        String name = RECORDED.get(argv);
        if (name == null && argv.get(0).equals("nmcli") && argv.contains("uuid")) {
            name = "nmcli-profiles";
        }
        if (name == null) {
            throw new AssertionError("no recorded output for " + argv);
        }
        Path err = commands.resolve(name + ".err");
        if (Files.exists(err)) {
            return new CommandResult(argv, 1, "", Golden.read(err));
        }
        Path out = commands.resolve(name + ".txt");
        return Files.exists(out) ? new CommandResult(argv, 0, Golden.read(out), "")
                : new CommandResult(argv, 127, "", "sh: 1: " + argv.get(0) + ": not found");
    }

    private CommandResult cat(List<String> argv, String path) {
        Path file = root.resolve(path.substring(1));
        return Files.isRegularFile(file) ? new CommandResult(argv, 0, Golden.read(file), "")
                : new CommandResult(argv, 1, "", "cat: " + path + ": No such file or directory");
    }

    /** As ls prints several folders: each headed "FOLDER:", blank lines between, a missing one on stderr. */
    private CommandResult lsMany(List<String> argv, List<String> dirs) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String dir : dirs) {
            CommandResult one = ls(argv, dir);
            if (one.ok()) {
                out.append(out.isEmpty() ? "" : "\n").append(dir).append(":\n").append(one.stdout());
            } else {
                err.append(one.stderr()).append("\n");
            }
        }
        return new CommandResult(argv, err.isEmpty() ? 0 : 2, out.toString(), err.toString());
    }

    private CommandResult ls(List<String> argv, String dir) {
        Path d = root.resolve(dir.substring(1));
        if (!Files.isDirectory(d)) {
            return new CommandResult(argv, 2, "", "ls: cannot access '" + dir + "': No such file or directory");
        }
        try (Stream<Path> entries = Files.list(d)) {
            return new CommandResult(argv, 0, String.join("\n", entries.map(p -> p.getFileName().toString())
                    .sorted().toList()) + "\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
