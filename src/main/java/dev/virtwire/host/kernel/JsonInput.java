package dev.virtwire.host.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reading the JSON that iproute2 prints: absent keys are empty, never null. */
final class JsonInput {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonInput() {
    }

    /** The array a command printed; empty output (some tools print nothing for "none") is an empty list. */
    static List<JsonNode> array(String json, String command) {
        return read(json, command, null);
    }

    /**
     * The array a command printed, each object with only the keys named in {@code keep}: a key keeps all
     * that is under it, a dotted one ({@code linkinfo.info_data.id}) only that part of its object. `ip -d`
     * prints a megabyte at a thousand links, mostly details nothing reads; a whole tree of it was the slowest
     * part of a cold start.
     */
    static List<JsonNode> array(String json, String command, Set<String> keep) {
        return read(json, command, Keep.of(keep));
    }

    /** @param keep what to keep of each object in the array; null keeps them whole */
    private static List<JsonNode> read(String json, String command, Keep keep) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("'" + command + "' did not print a JSON array");
            }
            List<JsonNode> out = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                out.add(t == JsonToken.START_OBJECT && keep != null ? object(parser, keep) : value(parser));
            }
            return out;
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("'" + command + "' printed JSON Virtwire cannot read: " + message, e);
        }
    }

    /** The keys kept of an object: each maps to the keys kept inside it, or to null when it is kept whole. */
    private record Keep(Map<String, Keep> keys) {
        static Keep of(Set<String> dotted) {
            Keep root = new Keep(new HashMap<>());
            for (String path : dotted) {
                Keep at = root;
                String[] names = path.split("\\.");
                for (int i = 0; i < names.length - 1; i++) {
                    at = at.keys.computeIfAbsent(names[i], n -> new Keep(new HashMap<>()));
                }
                at.keys.put(names[names.length - 1], null);
            }
            return root;
        }
    }

    /** The object the parser is at, with the keys {@code keep} names. */
    private static ObjectNode object(JsonParser p, Keep keep) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (!keep.keys().containsKey(key)) {
                p.skipChildren();
            } else if (keep.keys().get(key) == null) {
                o.set(key, value(p));
            } else if (t == JsonToken.START_OBJECT) {
                o.set(key, object(p, keep.keys().get(key)));
            } else {
                p.skipChildren();
            }
        }
        return o;
    }

    /** The whole value the parser is at. */
    private static JsonNode value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, value(p));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
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
