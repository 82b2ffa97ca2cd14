package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldPolicy;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * firewalld's policies on the simulated host: a rich rule added to a policy (run time and permanent, as
 * firewall-cmd does both) shows in the policy's listing and, as firewalld writes it, in its table's
 * {@code filter_FWD_policy_NAME_allow} chain.
 */
final class SimulatedFirewalld {
    private SimulatedFirewalld() {
    }

    static HostSnapshot setPolicyRule(HostSnapshot s, String policy, String rule, boolean present) {
        FirewallState fw = s.firewall();
        FirewalldSettings settings = fw.firewalld().orElseThrow(() -> new HostException(
                "FirewallD is not running"));
        FirewalldPolicy p = settings.policy(policy).orElseThrow(() -> new HostException(
                "Error: INVALID_POLICY: " + policy));
        boolean has = p.richRules().stream().anyMatch(r -> r.rule().equals(rule));
        if (present == has) {
            throw new HostException(present ? "Warning: ALREADY_ENABLED: " + rule : "Warning: NOT_ENABLED: " + rule);
        }
        List<FirewalldRichRule> rules = new ArrayList<>(p.richRules().stream()
                .filter(r -> !r.rule().equals(rule)).toList());
        if (present) {
            rules.add(new FirewalldRichRule(rule, true, true));
        }
        FirewalldPolicy changed = new FirewalldPolicy(p.name(), p.active(), p.ingressZones(), p.egressZones(),
                p.target(), p.priority(), rules, p.forwardPorts(), p.running(), p.saved());
        FirewalldSettings after = new FirewalldSettings(settings.zones(), settings.policies().stream()
                .map(x -> x.name().equals(policy) ? changed : x).toList());
        FirewallRule nft = tableRule(policy, rule);
        List<FirewallRule> table = present ? Stream.concat(fw.rules().stream(), Stream.of(nft)).toList()
                : fw.rules().stream().filter(r -> !r.equals(nft)).toList();
        return s.withFirewall(fw.withRules(table).withFirewalld(Optional.of(after)));
    }

    /** What firewalld's table lists for an accept from a source in the policy: {@code ip saddr SOURCE accept}. */
    private static FirewallRule tableRule(String policy, String rule) {
        String source = rule.replaceAll(".*source address=\"([^\"]+)\".*", "$1");
        return new FirewallRule(FirewalldZones.TABLE, "filter_FWD_policy_" + policy + "_allow", "ACCEPT",
                Optional.of(source), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "ip saddr " + source + " accept");
    }
}
