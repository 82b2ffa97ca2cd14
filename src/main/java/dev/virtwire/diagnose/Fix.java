package dev.virtwire.diagnose;

import java.util.Objects;

/** A one-click repair: a change intent, so it is previewed, applied and undone like any other edit. */
public record Fix(String description, FixIntent intent) {

    public Fix {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(intent, "intent");
    }

    public static Fix of(FixIntent intent) {
        return new Fix(intent.describe(), intent);
    }
}
