package dev.virtwire.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's packet filter as far as guest traffic is concerned.
 *
 * @param policies base chain policies keyed "table/chain", e.g. "filter/FORWARD" -> "DROP"
 */
public record FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules) {

    public FirewallState {
        policies = Map.copyOf(policies);
        rules = List.copyOf(rules);
    }

    public static FirewallState unknown() {
        return new FirewallState(FirewallBackend.UNKNOWN, Map.of(), List.of());
    }

    public Optional<String> policy(String table, String chain) {
        return Optional.ofNullable(policies.get(table + "/" + chain));
    }
}
