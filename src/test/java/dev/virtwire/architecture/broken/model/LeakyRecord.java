package dev.virtwire.architecture.broken.model;

import dev.virtwire.architecture.broken.host.ReadsProcesses;
import dev.virtwire.architecture.broken.ui.Window;

/** Breaks "model is pure": it reaches into host and ui, uses JavaFX and files. Only ArchitectureTest reads it. */
public record LeakyRecord(ReadsProcesses host, Window window, javafx.scene.paint.Color colour,
                          java.nio.file.Path file) {
}
