package dev.virtwire.model;

import java.util.Locale;

/** Lower-case JSON/XML spellings of the model's enums, tolerant of values a newer host may invent. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }

    static String json(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
