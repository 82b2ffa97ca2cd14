package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.FirewalldPolicy;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZone;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * firewall-cmd's listings of zones and policies as the lab's real firewalld 1.3.3 printed them (captured, see
 * firewalld-policy/ABOUT.md) read into zones and policies with their rich rules, run time and permanent.
 */
class FirewalldListingTest {
    static final String FORWARD = "rule family=\"ipv4\" source address=\"10.0.0.0/8\" forward-port port=\"8080\" "
            + "protocol=\"tcp\" to-port=\"80\" to-addr=\"192.168.122.10\"";
    static final String DROP = "rule family=\"ipv4\" destination address=\"198.51.100.0/24\" drop";

    @Test
    void policiesWithTheirZonesTargetPriorityAndRichRules() {
        FirewalldSettings s = rejects();
        assertEquals(List.of("allow-host-ipv6", "guests-out"), s.policies().stream().map(FirewalldPolicy::name).toList());
        FirewalldPolicy p = s.policy("guests-out").orElseThrow();
        assertEquals(new FirewalldPolicy("guests-out", true, List.of("trusted"), List.of("ANY"), "REJECT", -100,
                List.of(new FirewalldRichRule(DROP, true, true)), List.of(), true, true), p);
        assertTrue(p.stops());
        assertEquals("drop", p.richRules().get(0).action());
        FirewalldPolicy ipv6 = s.policy("allow-host-ipv6").orElseThrow();
        assertEquals(List.of("HOST"), ipv6.egressZones());
        assertEquals(-15000, ipv6.priority());
        assertEquals(4, ipv6.richRules().size());
        assertFalse(ipv6.stops());
    }

    @Test
    void zonesWithInterfacesAndRichRules() {
        FirewalldSettings s = rejects();
        FirewalldZone trusted = s.zone("trusted").orElseThrow();
        assertTrue(trusted.active());
        assertEquals(List.of("br0", "virbr0", "virbr1", "virbr2"), trusted.interfaces());
        assertEquals("ACCEPT", trusted.target());
        FirewalldZone pub = s.zone("public").orElseThrow();
        assertEquals(List.of(new FirewalldRichRule(FORWARD, true, true)), pub.richRules());
        assertEquals("", pub.richRules().get(0).action(), "a forward port is no accept, reject nor drop");
    }

    @Test
    void aRuleAddedAtRunTimeOnlyIsNotSaved() {
        String accept = "rule family=\"ipv4\" source address=\"192.168.122.0/24\" accept";
        // the fix's run-time listing against the permanent one of before: its rule is running, not yet saved
        FirewalldSettings s = FirewalldListing.of(new FirewalldListing.Printed(text("accepts.list-all-zones.txt"),
                text("accepts.list-all-policies.txt"), text("rejects.permanent-list-all-zones.txt"),
                text("rejects.permanent-list-all-policies.txt")));
        assertEquals(List.of(new FirewalldRichRule(DROP, true, true), new FirewalldRichRule(accept, true, false)),
                s.policy("guests-out").orElseThrow().richRules());
    }

    @Test
    void aListingThatIsNotFirewallCmdsIsRefusedNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FirewalldListing.parse("public\n  target: default\n\tstray\nnot a setting\n x"));
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    static FirewalldSettings rejects() {
        return FirewalldListing.of(new FirewalldListing.Printed(text("rejects.list-all-zones.txt"),
                text("rejects.list-all-policies.txt"), text("rejects.permanent-list-all-zones.txt"),
                text("rejects.permanent-list-all-policies.txt")));
    }

    private static String text(String file) {
        return FirewalldPolicyFixture.text(file);
    }
}
