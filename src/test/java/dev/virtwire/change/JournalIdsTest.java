package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.virtwire.change.op.GuestTap;
import dev.virtwire.change.op.NetworkActiveOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The journal keeps ids as their text, and reads the NICs of a history written before ids were typed, and the
 * re-plugs of one written before tap names were kept.
 */
class JournalIdsTest {
    private static final Id.Nic WEB1 = new Id.Nic("web1", "52:54:00:3a:10:01");

    @Test
    void aStepsNicsAreWrittenAsIdsAndReadBack() throws Exception {
        Operation op = new NetworkActiveOp("default", false, List.of(new GuestTap(WEB1, "vnet0")),
                Optional.of("virbr0"));
        String json = JournalJson.MAPPER.writeValueAsString(op);
        assertTrue(json.contains("\"nic:web1/52:54:00:3a:10:01\""), json);
        assertTrue(json.contains("\"vnet0\"") && json.contains("\"virbr0\""), json);
        assertEquals(op, JournalJson.MAPPER.readValue(json, Operation.class));
    }

    @Test
    void aNicWrittenAsGuestSlashMacIsStillRead() throws Exception {
        String old = "{\"op\":\"network-active\",\"network\":\"default\",\"active\":false,"
                + "\"replug\":[\"web1/52:54:00:3a:10:01\"]}";
        assertEquals(new NetworkActiveOp("default", false, List.of(GuestTap.unnamed(WEB1)), Optional.empty()),
                JournalJson.MAPPER.readValue(old, Operation.class));
    }

    @Test
    void aTapToReplugWithoutItsNicIsRefused() {
        String bad = "{\"op\":\"network-active\",\"network\":\"default\",\"active\":true,"
                + "\"replug\":[{\"tap\":\"vnet0\"}],\"bridge\":\"virbr0\"}";
        assertThrows(JsonMappingException.class, () -> JournalJson.MAPPER.readValue(bad, Operation.class));
    }

    @Test
    void somethingThatIsNoNicIsRefused() {
        String bad = "{\"op\":\"network-active\",\"network\":\"default\",\"active\":false,\"replug\":[\"link:eth0\"]}";
        assertThrows(JsonMappingException.class, () -> JournalJson.MAPPER.readValue(bad, Operation.class));
    }
}
