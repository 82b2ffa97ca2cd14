package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ids print as the JSON contract shows them and parse back to the same id. */
class IdTest {

    @Test
    void everyKindPrintsAndParsesBack() {
        List<Id> ids = List.of(new Id.Outside(), new Id.Link("eth0"), new Id.Network("default"),
                new Id.Guest("web 1 & é"), new Id.Nic("web1", "52:54:00:3a:10:01"), new Id.Tap("db1", "52:54:00:3a:10:02"),
                new Id.Address("10.0.0.1/24"), new Id.Route("default"), new Id.Sysctl("net.ipv4.ip_forward"),
                new Id.PortForward("virtwire-tcp-8080"), new Id.BridgeAccept("virbr0"), new Id.Watchdog("w-1"));
        for (Id id : ids) {
            assertEquals(id, Id.parse(id.text()), id.text());
        }
        assertEquals("nic:web1/52:54:00:3a:10:01", new Id.Nic("web1", "52:54:00:3a:10:01").text());
        assertEquals("outside", new Id.Outside().text());
    }

    @Test
    void aRouteOrAddressKeepsItsSlashesAndAGuestNameItsColons() {
        assertEquals(new Id.Route("10.0.0.0/8"), Id.parse("route:10.0.0.0/8"));
        assertEquals(new Id.Guest("a:b"), Id.parse("guest:a:b"));
        assertEquals(new Id.Nic("a:b", "52:54:00:00:00:01"), Id.parse("nic:a:b/52:54:00:00:00:01"));
    }

    @Test
    void onlyNodesAreNodes() {
        assertTrue(Id.tryParseNode("link:br0").isPresent());
        assertEquals(Optional.empty(), Id.tryParseNode("tap:web1/52:54:00:3a:10:01"));
        assertEquals(Optional.empty(), Id.tryParseNode("group:network:default"), "a view's own key is no id");
    }

    @Test
    void whatIsNoIdIsRefusedNamingTheKindsAllowed() {
        for (String bad : List.of("", "link:", ":eth0", "vlan:7", "nic:web1", "nic:/52:54:00:3a:10:01", "nic:web1/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Id.parse(bad), bad);
            assertTrue(e.getMessage().contains("link:NAME"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Id.Link(""));
    }
}
