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
        assertEquals(new Destination.Internet6(Destination.DEFAULT_INTERNET6), Destination.parse("internet6"));
        assertEquals(new Destination.Address6("2001:db8:77::10"), Destination.parse("2001:DB8:77:0::10"));
        assertEquals("2001:db8:77::10", Destination.parse("2001:db8:77:0:0:0:0:10").token(), "canonical form");
        assertTrue(Destination.parse("2001:db8::1").ipv6());
        assertTrue(!Destination.parse("10.0.0.7").ipv6() && !Destination.parse("internet").ipv6());
    }

    @Test
    void refusalsSayWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Destination.parse("10.0.0.0/24"));
        assertTrue(e.getMessage().contains("host, lan, internet, internet6, guest:NAME, an IPv4 address"),
                e.getMessage());
        var v6 = assertThrows(IllegalArgumentException.class, () -> Destination.parse("2001:db8::/64"));
        assertTrue(v6.getMessage().contains("an IPv6 address such as 2001:db8::1"), v6.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> Destination.parse("guest:"));
        assertTrue(g.getMessage().contains("non-empty name without '/'"), g.getMessage());
        assertEquals("guest:web 1 &é", Destination.parse("guest:web 1 &é").token(), "any name libvirt takes");
    }
}
