package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.Ipv4;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The guest's first packet against rules that look at connection tracking or the family: firewalld's forward
 * chain begins with accepts for established and DNATed packets and an IPv6-only reject, none of which decides
 * a new IPv4 connection; its final reject does.
 */
class PacketTest {
    private static final Packet FIRST = Packet.ipv4("virbr0", Optional.of("eth0"),
            Optional.of(Ipv4.parse("192.168.122.10")), Optional.of(Ipv4.parse("1.1.1.1")));

    @Test
    void rulesForEstablishedDnatedInvalidOrIpv6PacketsDoNotDecideANewIpv4Connection() {
        assertFalse(FIRST.matches(rule("ct state { established, related } accept")));
        assertFalse(FIRST.matches(rule("ct state established,related accept")));
        assertFalse(FIRST.matches(rule("ct status dnat accept")));
        assertFalse(FIRST.matches(rule("ct state invalid drop")));
        assertFalse(FIRST.matches(rule("ip6 daddr { ::/96, ::ffff:0.0.0.0/96 } reject with icmpv6 addr-unreachable")));
        assertFalse(FIRST.matches(rule("-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")));
    }

    @Test
    void rulesForNewOrEveryPacketDo() {
        assertTrue(FIRST.matches(rule("reject with icmpx admin-prohibited")));
        assertTrue(FIRST.matches(rule("ct state new accept")));
        assertTrue(FIRST.matches(rule("ct state != established accept")));
        assertTrue(FIRST.matches(rule("-A FORWARD -m state --state NEW -j ACCEPT")));
    }

    private static FirewallRule rule(String text) {
        return new FirewallRule("inet firewalld", "filter_FORWARD", "ACCEPT", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
}
