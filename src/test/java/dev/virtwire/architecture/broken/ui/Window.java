package dev.virtwire.architecture.broken.ui;

/** A stand-in for the window layer of the broken fixture. */
public final class Window {
    javafx.scene.Node root;
}
