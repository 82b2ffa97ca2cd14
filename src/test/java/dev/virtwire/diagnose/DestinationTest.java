package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DestinationTest {

    @Test
    void parsesEveryWayTheCliNamesATarget() {
        assertEquals(new Destination.Host(), Destination.parse("host"));
        assertEquals(new Destination.Lan(), Destination.parse("lan"));
        assertEquals(new Destination.Internet("1.1.1.1"), Destination.parse("internet"));
        assertEquals(new Destination.Internet("203.0.113.1"), Destination.parse("internet", "203.0.113.1"));
        assertEquals(new Destination.OtherGuest("db1"), Destination.parse("guest:db1"));
        assertEquals(new Destination.Address("10.0.0.7"), Destination.parse("10.0.0.7"));
        assertEquals("guest:db1", Destination.parse("guest:db1").token());
    }

    @Test
    void refusalsSayWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Destination.parse("10.0.0.0/24"));
        assertTrue(e.getMessage().contains("host, lan, internet, guest:NAME or an IPv4 address"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> Destination.parse("guest:"));
        assertTrue(g.getMessage().contains("non-empty name without '/'"), g.getMessage());
        assertEquals("guest:web 1 &é", Destination.parse("guest:web 1 &é").token(), "any name libvirt takes");
    }
}
