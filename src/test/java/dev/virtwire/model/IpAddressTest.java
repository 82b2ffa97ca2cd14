package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void readsBothFamiliesInCanonicalForm() {
        IpAddress v6 = IpAddress.parse("2001:0DB8:00AA:0000:0000:0000:0000:0001/64");
        assertEquals(IpAddress.Family.IPV6, v6.family());
        assertEquals("2001:db8:aa::1/64", v6.toString());
        assertEquals("2001:db8:aa::1", v6.ip());
        IpAddress v4 = IpAddress.parse("192.168.122.1/24");
        assertEquals(IpAddress.Family.IPV4, v4.family());
        assertEquals("192.168.122.1/24", v4.toString());
    }

    @Test
    void anAddressWithoutPrefixIsOneHost() {
        assertEquals(128, IpAddress.parse("2001:db8::5").prefix());
        assertEquals(32, IpAddress.parse("10.0.0.5").prefix());
    }

    @Test
    void containsLooksAtTheSubnetAndNeverAcrossFamilies() {
        IpAddress subnet = IpAddress.parse("2001:db8:aa::1/64");
        assertTrue(subnet.contains(IpAddress.parse("2001:db8:aa::1234")));
        assertFalse(subnet.contains(IpAddress.parse("2001:db8:ab::1")));
        assertFalse(IpAddress.parse("0.0.0.0/0").contains(IpAddress.parse("::1")));
    }

    @Test
    void aPrefixLengthTheFamilyCannotHaveIsNamedWithTheAllowedOnes() {
        String v6 = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("fd00:1::1/200")).getMessage();
        assertEquals("'fd00:1::1/200' has no valid prefix length: an IPv6 address takes /0 to /128, e.g. "
                + "fd00:1::1/64", v6);
        String v4 = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0.1/33")).getMessage();
        assertTrue(v4.contains("an IPv4 address takes /0 to /32"), v4);
        String word = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0.1/x")).getMessage();
        assertTrue(word.contains("/0 to /32"), word);
        String bad = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0/24")).getMessage();
        assertTrue(bad.contains("is not an IP address"), bad);
    }

    @Test
    void linkLocalIsTold() {
        assertTrue(IpAddress.parse("fe80::5054:ff:fe12:3456/64").isLinkLocal());
        assertFalse(IpAddress.parse("2001:db8::1/64").isLinkLocal());
    }

    @Test
    void aPrefixGivenApartIsChecked() {
        assertEquals("fd00::1/48", IpAddress.of("fd00::1", 48).toString());
        var e = assertThrows(IllegalArgumentException.class, () -> IpAddress.of("fd00::1", 129));
        assertTrue(e.getMessage().contains("0 to 128"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web1", "010.0.0.1", "10.1", "1.2.3.4-9", "*",
            "2001:db8::1::2", "0x7f.0.0.1"})
    void refusesWhatIsNotOneNumericAddressAndSaysWhatIsAllowed(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
        assertTrue(e.getMessage().contains("2001:db8::1/64"), e.getMessage());
        assertTrue(IpAddress.tryParse(text).isEmpty());
    }
}
