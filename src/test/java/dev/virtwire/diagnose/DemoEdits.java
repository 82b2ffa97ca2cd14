package dev.virtwire.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.json.SnapshotJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Test fixtures as data: the demo host's JSON with small edits merged in. An edit is the topology JSON's
 * shape, where lists of named things (links, networks, guests, NICs by "mac") are objects keyed by that
 * name: {"links": {"virbr0": {"state": "down"}}}. A key naming nothing new appends it, null removes it.
 * Routes are keyed by destination; {"rules+": [...]} appends to a list (firewall rules).
 */
public final class DemoEdits {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoEdits() {
    }

    public static HostSnapshot demo() {
        return SnapshotJsonReader.read(demoJson());
    }

    static HostSnapshot demoWith(JsonNode edits) {
        ObjectNode root = demoJson();
        merge(root, edits);
        return SnapshotJsonReader.read(root);
    }

    public static HostSnapshot demoWith(String editsJson) {
        try {
            return demoWith(MAPPER.readTree(editsJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode demoJson() {
        try (InputStream in = DemoEdits.class.getResourceAsStream("/dev/virtwire/host/sim/demo-host.json")) {
            return (ObjectNode) MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode target, JsonNode edits) {
        for (Iterator<Map.Entry<String, JsonNode>> it = edits.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> edit = it.next();
            JsonNode current = target.get(edit.getKey());
            if (edit.getKey().endsWith("+")) {
                String key = edit.getKey().substring(0, edit.getKey().length() - 1);
                if (!(target.get(key) instanceof ArrayNode list)) {
                    throw new IllegalArgumentException("fixture appends to '" + key + "', which is not a list");
                }
                edit.getValue().forEach(item -> list.add(item.deepCopy()));
            } else if (current instanceof ArrayNode list && edit.getValue().isObject()) {
                mergeNamed(list, edit.getValue());
            } else if (current instanceof ObjectNode object && edit.getValue().isObject()) {
                merge(object, edit.getValue());
            } else {
                target.set(edit.getKey(), edit.getValue());
            }
        }
    }

    private static void mergeNamed(ArrayNode list, JsonNode edits) {
        for (Iterator<Map.Entry<String, JsonNode>> it = edits.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> edit = it.next();
            int index = indexOf(list, edit.getKey());
            if (edit.getValue().isNull()) {
                if (index < 0) {
                    throw new IllegalArgumentException("fixture removes '" + edit.getKey() + "', which is not there");
                }
                list.remove(index);
            } else if (index < 0) {
                ObjectNode added = ((ObjectNode) edit.getValue()).deepCopy();
                added.put(list.size() > 0 && list.get(0).has("mac") && !list.get(0).has("name") ? "mac" : "name",
                        edit.getKey());
                list.add(added);
            } else {
                merge((ObjectNode) list.get(index), edit.getValue());
            }
        }
    }

    private static int indexOf(ArrayNode list, String key) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (key.equals(item.path("name").asText(null)) || key.equals(item.path("mac").asText(null))
                    || key.equals(item.path("destination").asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
