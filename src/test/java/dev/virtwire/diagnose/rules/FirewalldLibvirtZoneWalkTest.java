package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.FirewalldLibvirtZoneFixture;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldChains;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldZone;
import dev.virtwire.model.FirewalldZones;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fedora's shape on the real firewalld 1.3.3 with libvirt 9.0 on its bus (captured on the lab, see
 * host/firewalld-libvirt-zone/ABOUT.md): libvirt put virbr0 in its zone libvirt, whose target ACCEPT forwards g1's
 * traffic; the zone's rich rule {@code rule priority="32767" reject} is read as the zone's and lies in its input
 * chain, so g1's first packet to the internet address is not blamed on it. Out of the zone, virbr0 falls to the
 * default zone, whose target rejects, and the evidence names that zone.
 */
class FirewalldLibvirtZoneWalkTest {

    @Test
    void inLibvirtsZoneTheZonesRejectIsForTheHostAndTheGuestsPacketPasses() {
        FirewallState fw = FirewalldLibvirtZoneFixture.state("libvirt-zone");
        assertEquals(Optional.of("libvirt"), FirewalldZones.of(fw, "virbr0"));
        assertEquals(Optional.of("libvirt-routed"), FirewalldZones.of(fw, "virbr2"));
        FirewalldZone zone = fw.firewalld().orElseThrow().zone("libvirt").orElseThrow();
        assertEquals("ACCEPT", zone.target());
        assertEquals(List.of("virbr0", "virbr1"), zone.interfaces());
        assertEquals(List.of(new FirewalldRichRule("rule priority=\"32767\" reject", true, true)), zone.richRules());
        assertTrue(fw.firewalld().orElseThrow().policy("libvirt-routed-out").isPresent());
        assertTrue(fw.rules().stream().anyMatch(r -> r.chain().equals("filter_IN_libvirt_post")
                && r.verdict().equals("REJECT")), "the zone's reject, in its input chain");
        assertTrue(new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD", FirewalldPolicyWalkTest.FIRST)
                .passes(), "g1's first packet to the internet address passes the zone");
    }

    @Test
    void outOfLibvirtsZoneTheDefaultZoneRejectsAndIsNamed() {
        FirewallState fw = FirewalldLibvirtZoneFixture.state("no-zone");
        assertEquals(Optional.empty(), FirewalldZones.of(fw, "virbr0"));
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD",
                FirewalldPolicyWalkTest.FIRST);
        assertEquals("REJECT", outcome.verdict());
        FirewallRule rule = outcome.rule().orElseThrow();
        assertEquals("filter_FWD_public", rule.chain());
        assertEquals(Optional.of("firewalld's zone public (target default): its target, for what none of its rules "
                        + "accepts (reject with icmpx admin-prohibited)"), FirewalldChains.decidedBy(fw, rule));
    }
}
