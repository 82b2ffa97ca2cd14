package dev.virtwire.change.op;

import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * A rich rule in a firewalld policy (firewalld 0.9 and later), at run time and --permanent: the fix where a policy,
 * not a zone, rejects or drops a guest bridge's forwarded traffic. The rule accepts what comes from the bridge's
 * subnet in that policy only (its rich rules are run before its target); the bridge stays in its zone. Undo takes
 * the rule out of both.
 *
 * @param bridge whose traffic it lets through
 */
public record FirewalldPolicyRuleOp(String policy, String rule, String bridge, boolean present) implements Operation {

    @Override
    public String describe() {
        return present ? "Let " + bridge + "'s traffic through firewalld's policy " + policy + ", which rejects it: "
                + "the rich rule " + rule + " (at run time and --permanent: there after firewall-cmd --reload and a "
                + "reboot; " + bridge + " stays in its zone)"
                : "Take the rich rule " + rule + " out of firewalld's policy " + policy + " (at run time and "
                + "--permanent)";
    }

    @Override
    public List<HostCommand> commands() {
        return FirewalldCommands.policyRichRule(policy, rule, present).stream().<HostCommand>map(HostCommand.Run::new)
                .toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        Optional<Boolean> listed = listed(now);
        if (listed.isEmpty()) {
            return Optional.of("firewalld's policy " + policy + " is not listed (firewall-cmd --list-all-policies)");
        }
        return listed.get() != present ? Optional.empty() : Optional.of("firewalld's policy " + policy
                + (present ? " has the rich rule " + rule + " already" : " no longer has the rich rule " + rule));
    }

    @Override
    public void apply(Host host) {
        host.firewall().setFirewalldPolicyRule(policy, rule, bridge, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return listed(after).filter(l -> l == present).isPresent() ? Optional.empty()
                : Optional.of("firewall-cmd " + (present ? "does not list " : "still lists ") + "the rich rule " + rule
                + " in the policy " + policy);
    }

    /** Whether the policy's run-time rules have it; empty when the policy is not listed. */
    private Optional<Boolean> listed(HostSnapshot s) {
        return s.firewall().firewalld().flatMap(f -> f.policy(policy)).map(p -> p.richRules().stream()
                .anyMatch(r -> r.running() && r.rule().equals(rule)));
    }

    @Override
    public Operation inverse() {
        return new FirewalldPolicyRuleOp(policy, rule, bridge, !present);
    }
}
