package dev.virtwire.diagnose;

import dev.virtwire.change.Intent;
import java.util.Objects;

/**
 * A one-click repair: a change intent, so it is planned, previewed, applied and undone like any other edit
 * (through {@code dev.virtwire.change.Changes}).
 */
public record Fix(String description, Intent intent) {

    public Fix {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(intent, "intent");
    }

    public static Fix of(Intent intent) {
        return new Fix(intent.describe(), intent);
    }
}
