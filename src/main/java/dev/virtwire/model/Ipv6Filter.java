package dev.virtwire.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's IPv6 packet filter: what {@code ip6tables-save} shows and nftables' {@code ip6} and {@code inet}
 * tables (inet rules filter both families, so they are in {@link FirewallState#rules()} too). Kept apart from
 * the IPv4 lists, whose meaning stays "what IPv4 traffic meets".
 *
 * @param policies base chain policies keyed "table/chain": "filter/FORWARD" (ip6tables), "ip6 t/forward" ...
 */
public record Ipv6Filter(Map<String, String> policies, List<FirewallRule> rules, List<FirewallChain> chains) {

    public Ipv6Filter {
        policies = Map.copyOf(policies);
        rules = List.copyOf(rules);
        chains = List.copyOf(chains);
    }

    public static Ipv6Filter none() {
        return new Ipv6Filter(Map.of(), List.of(), List.of());
    }

    public Optional<String> policy(String table, String chain) {
        return Optional.ofNullable(policies.get(table + "/" + chain));
    }

    /** The base chains at a hook, in the order the kernel runs them (lowest priority first). */
    public List<FirewallChain> at(String hook) {
        return chains.stream().filter(c -> c.hook().equals(hook))
                .sorted(Comparator.comparingInt(FirewallChain::priority).thenComparing(FirewallChain::key)).toList();
    }
}
