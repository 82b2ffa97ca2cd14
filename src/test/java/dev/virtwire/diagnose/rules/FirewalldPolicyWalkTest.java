package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.FirewalldPolicyFixture;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldChains;
import dev.virtwire.model.Ipv4;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real firewalld 1.3.3's table with a policy (captured on the lab, see host/firewalld-policy/ABOUT.md):
 * virbr0 is in the trusted zone, and the policy guests-out (trusted to ANY, target REJECT, priority -100) rejects
 * g1's first packet to the internet address; the finding's evidence names the policy, not only its chain. With
 * Virtwire's rich rule in the policy the packet passes.
 */
class FirewalldPolicyWalkTest {
    static final Packet FIRST = Packet.ipv4("virbr0", Optional.of("eth0"), Optional.of(Ipv4.parse("192.168.122.130")),
            Optional.of(Ipv4.parse("203.0.113.1")));

    @Test
    void thePolicysTargetRejectsAndIsNamedWithItsZonesAndPriority() {
        FirewallState fw = state("rejects");
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD", FIRST);
        assertEquals("REJECT", outcome.verdict());
        FirewallRule rule = outcome.rule().orElseThrow();
        assertEquals("filter_FWD_policy_guests-out", rule.chain());
        assertEquals(Optional.of("firewalld's policy guests-out (ingress trusted, egress ANY, target REJECT, priority "
                + "-100): its target, for what none of its rules accepts (reject with icmpx admin-prohibited)"),
                FirewalldChains.decidedBy(fw, rule));
    }

    @Test
    void aDropRichRuleIsNamedAsFirewallCmdListsIt() {
        FirewallState fw = state("rejects");
        Packet toDocs = Packet.ipv4("virbr0", Optional.of("eth0"), Optional.of(Ipv4.parse("192.168.122.130")),
                Optional.of(Ipv4.parse("198.51.100.7")));
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("inet firewalld", "filter_FORWARD", toDocs);
        assertEquals("DROP", outcome.verdict());
        assertEquals(Optional.of("firewalld's policy guests-out (ingress trusted, egress ANY, target REJECT, priority "
                + "-100): its rich rule rule family=\"ipv4\" destination address=\"198.51.100.0/24\" drop"),
                FirewalldChains.decidedBy(fw, outcome.rule().orElseThrow()));
    }

    @Test
    void withTheAcceptRichRuleInThePolicyItPasses() {
        assertTrue(new FirewallWalk(state("accepts")).walk("inet firewalld", "filter_FORWARD", FIRST).passes());
    }

    private static FirewallState state(String which) {
        return FirewalldPolicyFixture.state(which);
    }
}
