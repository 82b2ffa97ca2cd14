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

    /** ufw's ufw-before-forward accepts ICMP echo requests whatever the forward policy: not a connection's. */
    @Test
    void rulesForIcmpOnlyDoNotDecideAConnection() {
        assertFalse(FIRST.matches(rule("-A ufw-before-forward -p icmp -m icmp --icmp-type 8 -j ACCEPT")));
        assertFalse(FIRST.matches(rule("-A ufw6-before-forward -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT")));
        assertFalse(FIRST.matches(rule("icmp type echo-request accept")));
        assertFalse(FIRST.matches(rule("meta l4proto icmp accept")));
        assertTrue(FIRST.matches(rule("-A FORWARD ! -p icmp -j DROP")));
        assertTrue(FIRST.matches(rule("-A FORWARD -p tcp -j ACCEPT")));
        assertTrue(FIRST.matches(rule("reject with icmp type admin-prohibited")));
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
