package dev.virtwire.model;

import java.util.List;
import java.util.Optional;

/**
 * firewalld's zones and policies with their rich rules, at run time and in the permanent configuration, as
 * {@code firewall-cmd --list-all-zones} and {@code --list-all-policies} print them (its nftables table shows the
 * rules, not which policy or rich rule made them, nor what is saved).
 */
public record FirewalldSettings(List<FirewalldZone> zones, List<FirewalldPolicy> policies) {
    public FirewalldSettings {
        zones = List.copyOf(zones);
        policies = List.copyOf(policies);
    }

    public Optional<FirewalldPolicy> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<FirewalldZone> zone(String name) {
        return zones.stream().filter(z -> z.name().equals(name)).findFirst();
    }
}
