package dev.virtwire.host.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading the JSON that iproute2 prints: absent keys are empty, never null. */
final class JsonInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonInput() {
    }

    /** The array a command printed; empty output (some tools print nothing for "none") is an empty list. */
    static List<JsonNode> array(String json, String command) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (!root.isArray()) {
                throw new IllegalArgumentException("'" + command + "' did not print a JSON array");
            }
            List<JsonNode> out = new ArrayList<>();
            root.forEach(out::add);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + command + "' printed JSON Virtwire cannot read: "
                    + e.getOriginalMessage(), e);
        }
    }

    static Optional<String> text(JsonNode o, String key) {
        JsonNode v = o.path(key);
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    static OptionalInt integer(JsonNode o, String key) {
        JsonNode v = o.path(key);
        return v.isNumber() ? OptionalInt.of(v.asInt()) : OptionalInt.empty();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
