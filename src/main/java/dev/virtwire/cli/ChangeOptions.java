package dev.virtwire.cli;

import picocli.CommandLine.Option;

/** What every changing command takes: show only, or apply without asking. */
public final class ChangeOptions {
    @Option(names = "--dry-run", description = "Print the plan as the commands it would run; change nothing.")
    boolean dryRun;

    @Option(names = "--script", description = "With --dry-run: print the plan as a POSIX sh script that makes "
            + "the same change by hand (XML as here-documents).")
    boolean script;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking.")
    boolean yes;
}
