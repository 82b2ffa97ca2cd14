package dev.virtwire.architecture.broken.change;

import dev.virtwire.architecture.broken.ui.Window;

/** Breaks "change and diagnose stay headless". Only ArchitectureTest reads it. */
public final class UsesWindow {
    Window window;
}
