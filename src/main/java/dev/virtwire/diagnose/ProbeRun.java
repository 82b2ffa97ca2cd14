package dev.virtwire.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * One active probe: its command line and what it printed; both become evidence. {@code ran} is false when the
 * probe could not run at all (its tool missing, refused, an error before it probed): then {@code output} says why,
 * and {@code ok} says nothing about the host.
 */
public record ProbeRun(String command, boolean ok, String output, boolean ran) {
    private static final int MAX_LINES = 12;

    /** A probe that ran: {@code ok} is its own verdict (a ping answered, a capture ended in time). */
    public ProbeRun(String command, boolean ok, String output) {
        this(command, ok, output, true);
    }

    /** A probe that could not run, and why. */
    public static ProbeRun couldNotRun(String command, String why) {
        return new ProbeRun(command, false, why, false);
    }

    /** Why the probe could not run, in one line (its first); for a run that ran, its first line of output. */
    public String why() {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no output");
    }

    /** "$ command" then the output, cut to a readable length. */
    public List<String> evidence() {
        List<String> out = new ArrayList<>();
        out.add("$ " + command + (!ran ? "   (could not run)" : ok ? "" : "   (failed)"));
        List<String> lines = output.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        lines.stream().limit(MAX_LINES).forEach(l -> out.add("  " + l));
        if (lines.size() > MAX_LINES) {
            out.add("  ... " + (lines.size() - MAX_LINES) + " more lines");
        }
        return out;
    }
}
