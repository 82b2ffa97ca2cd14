package dev.virtwire.diagnose;

import java.util.ArrayList;
import java.util.List;

/** One active probe that ran: its command line and what it printed; both become evidence. */
public record ProbeRun(String command, boolean ok, String output) {
    private static final int MAX_LINES = 12;

    /** "$ command" then the output, cut to a readable length. */
    public List<String> evidence() {
        List<String> out = new ArrayList<>();
        out.add("$ " + command + (ok ? "" : "   (failed)"));
        List<String> lines = output.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        lines.stream().limit(MAX_LINES).forEach(l -> out.add("  " + l));
        if (lines.size() > MAX_LINES) {
            out.add("  ... " + (lines.size() - MAX_LINES) + " more lines");
        }
        return out;
    }
}
