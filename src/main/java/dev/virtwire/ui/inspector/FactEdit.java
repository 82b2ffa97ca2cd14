package dev.virtwire.ui.inspector;

import dev.virtwire.change.Intent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a fact can be changed in the inspector. A new value only becomes an intent of the change layer, so it is
 * planned, previewed, applied and undone like every other edit; the sheet itself never changes a fact.
 */
public sealed interface FactEdit {

    /** Names the editor in the window ("fact-" + id), e.g. {@code mtu}, {@code link}, {@code source}. */
    String id();

    /**
     * The intent for a value the user chose or typed; empty when it is the value already there.
     *
     * @throws IllegalArgumentException when the value cannot be one, with the reason
     */
    Optional<Intent> intentFor(String value);

    /** A value picked from a list; {@code intents} holds one for every value that changes something. */
    record Choice(String id, List<String> values, Map<String, Intent> intents) implements FactEdit {
        public Choice {
            values = List.copyOf(values);
            intents = Map.copyOf(intents);
        }

        @Override
        public Optional<Intent> intentFor(String value) {
            return Optional.ofNullable(intents.get(value));
        }
    }

    /** A typed value, committed with Enter; {@code intent} refuses what is not a value of the right kind. */
    record Typed(String id, Function<String, Intent> intent) implements FactEdit {
        @Override
        public Optional<Intent> intentFor(String value) {
            return Optional.of(intent.apply(value.strip()));
        }
    }
}
