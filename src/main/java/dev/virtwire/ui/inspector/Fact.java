package dev.virtwire.ui.inspector;

import java.util.Optional;

/** One line of the inspector: a category, a name, its value as the user reads it, and how it changes if it can. */
public record Fact(String category, String name, String value, Optional<FactEdit> edit) {

    /** A fact no operation changes. */
    public Fact(String category, String name, String value) {
        this(category, name, value, Optional.empty());
    }
}
