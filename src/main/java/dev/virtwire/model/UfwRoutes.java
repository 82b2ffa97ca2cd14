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
     * Whether a route rule of the user's, with another match than the bridge's own two, drops or rejects everything
     * the bridge sends (no address, protocol or port in it; {@code ufw route deny out on eth0}): allow rules appended
     * after it would never be reached, so new ones must go ahead of it. A narrower deny (one port, one address)
     * stays in force. A deny with the very match of one of the bridge's rules ({@code deny in on BR}) is not one:
     * ufw's allow updates that rule where it stands.
     */
    public static boolean blanketDeny(FirewallState firewall, String bridge) {
        return firewall.rules().stream().anyMatch(r -> r.table().equals("filter") && r.chain().equals(CHAIN)
                && (r.verdict().equals("DROP") || r.verdict().equals("REJECT"))
                && r.inInterface().map(bridge::equals).orElse(true)
                && r.source().isEmpty() && r.destination().isEmpty() && !r.text().contains(" -p ")
                && rules(bridge).stream().noneMatch(own -> sameMatch(r, own)));
    }

    /**
     * ufw's action for the bridge's own match in that direction ({@code in on BR}: {@code -i BR}, {@code out on BR}:
     * {@code -o BR}), "" when it has no such rule; "allow", "deny" or "reject".
     */
    public static String action(FirewallState firewall, String bridge, String direction) {
        FirewallRule own = rules(bridge).get(direction.equals(UfwRouteChange.IN) ? 0 : 1);
        return firewall.rules().stream().filter(r -> r.table().equals("filter") && r.chain().equals(CHAIN)
                        && sameMatch(r, own) && !r.text().contains(" -p "))
                .map(r -> switch (r.verdict()) {
                    case "ACCEPT" -> "allow";
                    case "DROP" -> "deny";
                    case "REJECT" -> "reject";
                    default -> "";
                }).filter(a -> !a.isEmpty()).findFirst().orElse("");
    }

    /** The change that lets the bridge through ufw, from what ufw has now. */
    public static UfwRouteChange allowing(FirewallState firewall, String bridge) {
        return new UfwRouteChange(bridge, true, blanketDeny(firewall, bridge), denial(firewall, bridge,
                UfwRouteChange.IN), denial(firewall, bridge, UfwRouteChange.OUT));
    }

    private static String denial(FirewallState firewall, String bridge, String direction) {
        String action = action(firewall, bridge, direction);
        return action.equals("allow") ? "" : action;
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
        return r.verdict().equals("ACCEPT") && sameMatch(r, allow);
    }

    private static boolean sameMatch(FirewallRule r, FirewallRule own) {
        return r.inInterface().equals(own.inInterface()) && r.outInterface().equals(own.outInterface())
                && r.source().isEmpty() && r.destination().isEmpty();
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
