package dev.virtwire.host;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.ConfigFile;
import java.util.List;
import java.util.Optional;

/**
 * The one way Virtwire reads and writes a host's configuration files, at the host's target (a namespace, over
 * ssh) with the privilege prefix. Reading tells "no such file" (empty) from "cannot read" (a
 * {@link HostException} naming the file); writing stages the text beside the file, keeps an existing file's
 * mode and owner (read with stat) and renames it over the old one ({@link SavedConfigCommands#write}).
 */
public final class HostTextFiles {
    /** Messages in English whatever the host's locale, so "missing" can be told from "denied". */
    private static final List<String> C_LOCALE = List.of("env", "LC_ALL=C");
    private final PrivilegedCommands commands;

    public HostTextFiles(PrivilegedCommands commands) {
        this.commands = commands;
    }

    /** The argv that reads a file whole: {@code env LC_ALL=C cat -- PATH}. */
    public static List<String> readArgv(String path) {
        return withCLocale(List.of("cat", "--", path));
    }

    /** The text {@link #readArgv} printed; empty when the file is not there; else a HostException naming it. */
    public static Optional<String> textOf(String path, CommandResult read, String where) {
        if (read.ok()) {
            return Optional.of(read.stdout());
        }
        if (absent(read)) {
            return Optional.empty();
        }
        throw new HostException("cannot read " + path + " on " + where + ": " + read.stderr().strip());
    }

    /** True when a command on a path failed because the path (or a directory on it) is not there. */
    public static boolean absent(CommandResult r) {
        return !r.ok() && (r.stderr().contains("No such file or directory") || r.stderr().contains("Not a directory"));
    }

    public Optional<String> read(String path) {
        CommandResult r = commands.attempt(readArgv(path));
        if (!r.ok() && !absent(r)) {
            throw new HostException("cannot read " + path + " on " + commands.target().describe() + ": "
                    + r.stderr().strip() + commands.hintFor(r.stderr()));
        }
        return textOf(path, r, commands.target().describe());
    }

    /**
     * Writes the file as {@link SavedConfigCommands#write} shows, with the mode and owner the file has now when it
     * exists ({@code file}'s are for a new one), then reads it back.
     */
    public void write(ConfigFile file) {
        ConfigFile there = new ConfigFile(inPlace(file.path()), file.text(), file.mode(), file.owner(), file.group());
        ConfigFile kept = modeAndOwner(there.path()).map(there::withModeAndOwnerOf).orElse(there);
        SavedConfigCommands.write(kept).forEach(commands::run);
        if (!read(file.path()).equals(Optional.of(file.text()))) {
            throw new HostException(file.path() + " does not hold what was written to it on "
                    + commands.target().describe());
        }
    }

    public void remove(String path) {
        commands.run(SavedConfigCommands.remove(inPlace(path)));
    }

    /**
     * Where the file a command at the target sees as {@code path} lives. In a network namespace (ip netns exec)
     * /etc/netns/NS/NAME is bound over /etc/NAME, and nothing can be renamed over (or remove) a bound file: it is
     * written where it lives, which the namespace's next command sees at /etc/NAME.
     */
    private String inPlace(String path) {
        if (commands.target() instanceof Target.Netns netns && path.startsWith("/etc/")) {
            String own = "/etc/netns/" + netns.name() + "/" + path.substring("/etc/".length());
            if (modeAndOwner(own).isPresent()) {
                return own;
            }
        }
        return path;
    }

    /** The file's mode and owner as {@code stat} prints them (on an empty text); empty when it is not there. */
    public Optional<ConfigFile> modeAndOwner(String path) {
        CommandResult r = commands.attempt(withCLocale(List.of("stat", "-c", "%a:%U:%G", "--", path)));
        if (absent(r)) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw commands.failed(r);
        }
        String[] stat = r.stdout().strip().split(":");
        if (stat.length != 3) {
            throw new HostException("cannot read the mode and owner of " + path + " on " + commands.target().describe()
                    + ": stat printed '" + r.stdout().strip() + "'");
        }
        try {
            return Optional.of(new ConfigFile(path, "", stat[0], stat[1], stat[2]));
        } catch (IllegalArgumentException e) {
            throw new HostException("cannot keep the mode and owner of " + path + " on " + commands.target().describe()
                    + ": " + e.getMessage());
        }
    }

    private static List<String> withCLocale(List<String> argv) {
        List<String> out = new java.util.ArrayList<>(C_LOCALE);
        out.addAll(argv);
        return List.copyOf(out);
    }
}
