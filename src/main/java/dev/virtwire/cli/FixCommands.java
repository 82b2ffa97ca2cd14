package dev.virtwire.cli;

import dev.virtwire.diagnose.Fix;
import java.util.List;

/** The command lines a fix will run, as its preview shows them. */
final class FixCommands {
    private FixCommands() {
    }

    static List<String> of(Fix fix) {
        return fix.intent().commands();
    }
}
