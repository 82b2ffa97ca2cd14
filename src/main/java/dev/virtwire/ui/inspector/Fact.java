package dev.virtwire.ui.inspector;

/** One line of the inspector: a category, a name and its value as the user reads it. */
public record Fact(String category, String name, String value) {
}
