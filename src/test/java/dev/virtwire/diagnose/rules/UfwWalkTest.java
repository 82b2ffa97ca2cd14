package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.UfwRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real ufw 0.36's ruleset (captured, see ufw-0.36/ABOUT.md) with libvirt's jumps out of FORWARD: a guest's
 * first packet from virbr0 passes ufw's chains, whose ICMP accepts do not decide it, and falls to ufw's
 * default forward policy DROP; ufw's route rules for virbr0 let it through.
 */
class UfwWalkTest {
    private static final Packet FIRST = Packet.ipv4("virbr0", Optional.of("eth0"),
            Optional.of(Ipv4.parse("192.168.122.10")), Optional.of(Ipv4.parse("203.0.113.1")));

    @Test
    void ufwsDefaultForwardPolicyDropsTheGuestsConnection() throws IOException {
        FirewallState fw = state();
        assertTrue(fw.runs(FirewallTool.UFW), fw.managers()::toString);
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("filter", "FORWARD", FIRST);
        assertEquals("DROP", outcome.verdict());
        assertEquals(Optional.empty(), outcome.rule(), () -> "decided by " + outcome.rule());
        assertEquals("filter/FORWARD: policy DROP", outcome.evidence("filter", Optional.empty()));
    }

    @Test
    void ufwsRouteRulesLetItThrough() throws IOException {
        FirewallState fw = state();
        assertFalse(UfwRoutes.allow(fw, "virbr0"));
        List<FirewallRule> rules = new ArrayList<>(fw.rules());
        // where ufw puts them: ufw-user-forward, which ufw-before-forward jumps to last
        rules.addAll(UfwRoutes.rules("virbr0"));
        assertTrue(new FirewallWalk(fw.withRules(rules)).walk("filter", "FORWARD", FIRST).passes());
    }

    /**
     * {@code ufw route deny out on eth0}, as ufw writes it into its user chain: it decides before the policy, allow
     * rules for virbr0 appended after it change nothing, and the same rules ahead of it let the packet through.
     */
    @Test
    void aRouteDenyOfTheUsersDecidesAndOnlyAllowRulesAheadOfItGetPast() throws IOException {
        FirewallRule deny = new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("eth0"), Optional.empty(), "-A ufw-user-forward -o eth0 -j DROP");
        List<FirewallRule> rules = new ArrayList<>(state().rules());
        rules.add(deny);
        FirewallState denied = state().withRules(rules);
        FirewallWalk.Outcome outcome = new FirewallWalk(denied).walk("filter", "FORWARD", FIRST);
        assertEquals(Optional.of(deny), outcome.rule());
        assertTrue(UfwRoutes.blanketDeny(denied, "virbr0"));
        assertEquals("", UfwRoutes.action(denied, "virbr0", "in"));

        List<FirewallRule> appended = new ArrayList<>(rules);
        appended.addAll(UfwRoutes.rules("virbr0"));
        assertFalse(new FirewallWalk(denied.withRules(appended)).walk("filter", "FORWARD", FIRST).passes());
        assertFalse(UfwRoutes.allowAhead(denied.withRules(appended), "virbr0"));

        List<FirewallRule> ahead = new ArrayList<>(rules);
        ahead.addAll(rules.indexOf(deny), UfwRoutes.rules("virbr0"));
        assertTrue(new FirewallWalk(denied.withRules(ahead)).walk("filter", "FORWARD", FIRST).passes());
        assertTrue(UfwRoutes.allowAhead(denied.withRules(ahead), "virbr0"));
    }

    /** {@code ufw route deny in on virbr0}: the very match of the bridge's own rule, which ufw's allow updates. */
    @Test
    void aDenyWithTheBridgesOwnMatchIsNamedByItsActionNotAsBlanket() throws IOException {
        List<FirewallRule> rules = new ArrayList<>(state().rules());
        rules.add(new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                Optional.of("virbr0"), Optional.empty(), Optional.empty(), "-A ufw-user-forward -i virbr0 -j DROP"));
        FirewallState denied = state().withRules(rules);
        assertEquals("deny", UfwRoutes.action(denied, "virbr0", "in"));
        assertEquals("", UfwRoutes.action(denied, "virbr0", "out"));
        assertFalse(UfwRoutes.blanketDeny(denied, "virbr0"));
    }

    /** A deny of one port, or of what comes in by another link, is the user's intent for that traffic: not blanket. */
    @Test
    void aNarrowerDenyIsNotBlanket() throws IOException {
        for (FirewallRule narrow : List.of(
                new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                        Optional.of("virbr0"), Optional.empty(), Optional.empty(),
                        "-A ufw-user-forward -i virbr0 -p tcp --dport 25 -j DROP"),
                new FirewallRule("filter", UfwRoutes.CHAIN, "DROP", Optional.empty(), Optional.empty(),
                        Optional.of("eth1"), Optional.empty(), Optional.empty(), "-A ufw-user-forward -i eth1 -j DROP"))) {
            List<FirewallRule> rules = new ArrayList<>(state().rules());
            rules.add(narrow);
            assertFalse(UfwRoutes.blanketDeny(state().withRules(rules), "virbr0"), narrow::text);
        }
    }

    private static FirewallState state() throws IOException {
        try (InputStream in = UfwWalkTest.class.getResourceAsStream("ufw-0.36/forward-drop.iptables-save")) {
            String save = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return FirewallReader.combine(Optional.of("iptables v1.8.9 (nf_tables)"), Optional.of(save),
                    Optional.empty(), true);
        }
    }
}
