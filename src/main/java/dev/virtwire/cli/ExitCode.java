package dev.virtwire.cli;

/** What {@code virtwire}'s exit code says; the same for every command (README, `virtwire --help`). */
final class ExitCode {
    /** Done, or shown (--dry-run, read-only commands). */
    static final int DONE = 0;
    /** A well-formed request the host's state refuses, or that failed with the host left as it was. */
    static final int FAILED = 1;
    /** The command line is wrong: unknown option, a missing or malformed value. */
    static final int USAGE = 2;
    /** A change failed part-way and could not be fully reverted: the message lists what remains. */
    static final int PARTLY_CHANGED = 3;

    private ExitCode() {
    }
}
