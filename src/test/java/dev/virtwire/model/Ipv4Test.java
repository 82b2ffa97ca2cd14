package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @Test
    void parsesCidrAndKnowsItsSubnet() {
        Ipv4 host = Ipv4.parse("192.168.122.1/24");
        assertEquals("192.168.122.0/24", host.network().toString());
        assertTrue(host.contains(Ipv4.parse("192.168.122.254")));
        assertFalse(host.contains(Ipv4.parse("192.168.123.1")));
    }

    @Test
    void overlapIsSymmetricAcrossPrefixes() {
        Ipv4 wide = Ipv4.parse("10.0.0.0/8");
        Ipv4 narrow = Ipv4.parse("10.20.0.0/24");
        assertTrue(wide.overlaps(narrow));
        assertTrue(narrow.overlaps(wide));
        assertFalse(narrow.overlaps(Ipv4.parse("10.21.0.0/24")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.168.1", "192.168.1.256", "192.168.1.1/33", "1.2.3.4/x", "a.b.c.d", "1.2.3.4; rm"})
    void refusesWhatIsNotAnAddressAndSaysWhatIsAllowed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(text));
        assertTrue(e.getMessage().contains("a.b.c.d"), e.getMessage());
    }
}
