package dev.virtwire.host.exec;

import java.util.List;

/** What a finished command printed and returned; {@code argv} as asked, before a target wrapped it (ssh, netns). */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * Whether the program could not be found where the command ran: the shell's (over ssh) and timeout's exit code
     * 127, or {@code ip netns exec}'s own failure to start it (exit 1: {@code exec of "X" failed: No such file or
     * directory}).
     */
    public boolean programMissing() {
        return exitCode == 127 || (exitCode != 0 && stderr.startsWith("exec of \"")
                && stderr.contains("No such file or directory"));
    }

    /** The command as a user would type it, for messages and evidence. */
    public String commandLine() {
        return CommandLine.of(argv);
    }
}
