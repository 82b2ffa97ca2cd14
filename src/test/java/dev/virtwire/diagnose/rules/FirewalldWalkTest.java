package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.Ipv4;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real firewalld 1.3's table (captured, see firewalld-1.3/ABOUT.md): a guest's first packet from virbr0 is
 * rejected at the end of the default zone's chain while virbr0 has no zone, and accepted once it is in the
 * trusted zone; the zone is read from firewalld's dispatch rules.
 */
class FirewalldWalkTest {
    private static final Packet FIRST = Packet.ipv4("virbr0", Optional.of("eth0"),
            Optional.of(Ipv4.parse("192.168.122.10")), Optional.of(Ipv4.parse("1.1.1.1")));

    @Test
    void withoutAZoneOfItsOwnTheDefaultZonesChainRejects() throws IOException {
        FirewallState fw = state("default-zone.nft.json");
        assertEquals(Optional.empty(), FirewalldZones.of(fw, "virbr0"));
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD", FIRST);
        assertEquals("REJECT", outcome.verdict());
        assertEquals("filter_FWD_public", outcome.rule().orElseThrow().chain());
        assertTrue(outcome.rule().orElseThrow().text().startsWith("reject with icmpx admin-prohibited"),
                outcome.rule().orElseThrow().text());
    }

    @Test
    void inTheTrustedZoneItPasses() throws IOException {
        FirewallState fw = state("trusted.nft.json");
        assertEquals(Optional.of("trusted"), FirewalldZones.of(fw, "virbr0"));
        assertTrue(new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD", FIRST).passes());
    }

    private static FirewallState state(String file) throws IOException {
        try (InputStream in = FirewalldWalkTest.class.getResourceAsStream("firewalld-1.3/" + file)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return FirewallReader.combine(Optional.empty(), Optional.empty(), Optional.of(json), false);
        }
    }
}
