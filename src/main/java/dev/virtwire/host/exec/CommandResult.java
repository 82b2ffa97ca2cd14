package dev.virtwire.host.exec;

import java.util.List;

/** What a finished command printed and returned; {@code argv} as asked, before a target wrapped it (ssh, netns). */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The command as a user would type it, for messages and evidence. */
    public String commandLine() {
        return CommandLine.of(argv);
    }
}
