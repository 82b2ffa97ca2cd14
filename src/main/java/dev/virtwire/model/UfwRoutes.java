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

    /**
     * Whether a route rule of the user's drops or rejects everything the bridge sends (no address, protocol or
     * port in it; {@code ufw route deny in on BR}, or {@code deny out on eth0}): allow rules appended after it
     * would never be reached, so they must go ahead of it. A narrower deny (one port, one address) stays in force.
     */
    public static boolean blanketDeny(FirewallState firewall, String bridge) {
        return firewall.rules().stream().anyMatch(r -> r.table().equals("filter") && r.chain().equals(CHAIN)
                && (r.verdict().equals("DROP") || r.verdict().equals("REJECT"))
                && r.inInterface().map(bridge::equals).orElse(true)
                && r.source().isEmpty() && r.destination().isEmpty() && !r.text().contains(" -p "));
    }

    /** Whether both of the bridge's allow rules come before every rule of the chain that drops or rejects. */
    public static boolean allowAhead(FirewallState firewall, String bridge) {
        java.util.List<FirewallRule> chain = firewall.rules().stream()
                .filter(r -> r.table().equals("filter") && r.chain().equals(CHAIN)).toList();
        int firstDeny = java.util.stream.IntStream.range(0, chain.size())
                .filter(k -> chain.get(k).verdict().equals("DROP") || chain.get(k).verdict().equals("REJECT"))
                .findFirst().orElse(chain.size());
        return rules(bridge).stream().allMatch(a -> chain.subList(0, firstDeny).stream().anyMatch(r -> same(r, a)));
    }

    /** The two rules ufw adds, as the reader lists them. */
    public static java.util.List<FirewallRule> rules(String bridge) {
        return java.util.List.of(rule(Optional.of(bridge), Optional.empty(), "-A " + CHAIN + " -i " + bridge + " -j ACCEPT"),
                rule(Optional.empty(), Optional.of(bridge), "-A " + CHAIN + " -o " + bridge + " -j ACCEPT"));
    }

    private static boolean same(FirewallRule r, FirewallRule allow) {
        return r.verdict().equals("ACCEPT") && r.inInterface().equals(allow.inInterface())
                && r.outInterface().equals(allow.outInterface()) && r.source().isEmpty() && r.destination().isEmpty();
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
