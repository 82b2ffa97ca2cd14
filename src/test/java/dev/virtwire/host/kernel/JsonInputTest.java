package dev.virtwire.host.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading only the named keys of a command's JSON array. */
class JsonInputTest {
    private static final String LINK = "[{\"ifindex\":7,\"ifname\":\"br0\",\"flags\":[\"UP\"],\"linkinfo\":{"
            + "\"info_kind\":\"bridge\",\"info_data\":{\"stp_state\":1,\"hello_timer\":0.0,\"vlan_filtering\":0,"
            + "\"multi\":{\"deep\":[1,2]}}},\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.1\","
            + "\"prefixlen\":24}],\"stats\":18446744073709551615}]";

    @Test
    void keepsTheNamedKeysWholeAndDottedOnesInPart() {
        List<JsonNode> out = JsonInput.array(LINK, "ip -j -d addr",
                Set.of("ifname", "flags", "addr_info", "linkinfo.info_data.stp_state", "stats"));
        JsonNode link = out.get(0);
        assertEquals("br0", link.path("ifname").asText());
        assertEquals("UP", link.path("flags").get(0).asText());
        assertEquals("10.0.0.1", link.path("addr_info").get(0).path("local").asText());
        assertEquals(24, link.path("addr_info").get(0).path("prefixlen").asInt());
        assertEquals(1, link.path("linkinfo").path("info_data").path("stp_state").asInt());
        assertEquals("18446744073709551615", link.path("stats").bigIntegerValue().toString());
        assertFalse(link.has("ifindex"), link.toString());
        assertFalse(link.path("linkinfo").has("info_kind"), link.toString());
        assertFalse(link.path("linkinfo").path("info_data").has("multi"), link.toString());
    }

    @Test
    void emptyOutputIsNoEntriesAndOtherJsonIsRefusedInWords() {
        assertTrue(JsonInput.array("  ", "ip -j neigh", Set.of("dst")).isEmpty());
        var notArray = assertThrows(IllegalArgumentException.class,
                () -> JsonInput.array("{\"a\":1}", "ip -j netconf", Set.of("a")));
        assertEquals("'ip -j netconf' did not print a JSON array", notArray.getMessage());
        var broken = assertThrows(IllegalArgumentException.class,
                () -> JsonInput.array("[{\"ifname\":\"br0\",", "ip -j -d addr", Set.of("ifname")));
        assertTrue(broken.getMessage().startsWith("'ip -j -d addr' printed JSON Virtwire cannot read: "),
                broken.getMessage());
    }

    @Test
    void withoutKeysEachEntryIsKeptWhole() {
        JsonNode link = JsonInput.array(LINK, "ip -j -d addr").get(0);
        assertEquals(7, link.path("ifindex").asInt());
        assertEquals(2, link.path("linkinfo").path("info_data").path("multi").path("deep").get(1).asInt());
        assertTrue(link.path("linkinfo").path("info_data").path("hello_timer").isDouble(), link.toString());
        List<JsonNode> plain = JsonInput.array("[\"a\", 1, null, true]", "x");
        assertEquals("a", plain.get(0).asText());
        assertEquals(1, plain.get(1).asInt());
        assertTrue(plain.get(2).isNull());
        assertTrue(plain.get(3).asBoolean());
    }
}
