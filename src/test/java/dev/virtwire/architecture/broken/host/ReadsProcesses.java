package dev.virtwire.architecture.broken.host;

import dev.virtwire.architecture.broken.ui.Window;

/**
 * Breaks "host adapters only know the model", "processes only through CommandRunner", "only the window
 * uses JavaFX" and "nothing imports the window". Only ArchitectureTest reads it.
 */
public final class ReadsProcesses {
    Window window;

    Process start() throws java.io.IOException {
        return new ProcessBuilder("ip", "link").start();
    }
}
