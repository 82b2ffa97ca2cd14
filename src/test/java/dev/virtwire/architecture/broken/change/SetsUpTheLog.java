package dev.virtwire.architecture.broken.change;

import dev.virtwire.architecture.broken.log.Log;

/** Breaks "the core only calls System.Logger": it sets the log up itself. Only ArchitectureTest reads it. */
public final class SetsUpTheLog {
    void start() {
        Log.useStateDir("/tmp");
    }
}
