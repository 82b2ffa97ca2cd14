package dev.virtwire.model;

import java.util.Optional;

/**
 * ufw's route rules for a bridge as iptables lists them: {@code ufw route allow in on BR} and
 * {@code ufw route allow out on BR} are {@code -A ufw-user-forward -i BR -j ACCEPT} and {@code -o BR -j ACCEPT}.
 */
public final class UfwRoutes {
    public static final String CHAIN = "ufw-user-forward";

    private UfwRoutes() {
    }

    /** Whether ufw lets the bridge's traffic through both ways (both rules there). */
    public static boolean allow(FirewallState firewall, String bridge) {
        return has(firewall, Optional.of(bridge), Optional.empty()) && has(firewall, Optional.empty(), Optional.of(bridge));
    }

    /** The two rules ufw adds, as the reader lists them. */
    public static java.util.List<FirewallRule> rules(String bridge) {
        return java.util.List.of(rule(Optional.of(bridge), Optional.empty(), "-A " + CHAIN + " -i " + bridge + " -j ACCEPT"),
                rule(Optional.empty(), Optional.of(bridge), "-A " + CHAIN + " -o " + bridge + " -j ACCEPT"));
    }

    private static boolean has(FirewallState firewall, Optional<String> in, Optional<String> out) {
        return firewall.rules().stream().anyMatch(r -> r.table().equals("filter") && r.chain().equals(CHAIN)
                && r.verdict().equals("ACCEPT") && r.inInterface().equals(in) && r.outInterface().equals(out)
                && r.source().isEmpty() && r.destination().isEmpty());
    }

    private static FirewallRule rule(Optional<String> in, Optional<String> out, String text) {
        return new FirewallRule("filter", CHAIN, "ACCEPT", Optional.empty(), Optional.empty(), in, out,
                Optional.empty(), text);
    }
}
