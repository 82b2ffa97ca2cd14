package dev.virtwire.change;

import dev.virtwire.change.op.FirewalldPolicyRuleOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.FirewalldPolicy;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a firewalld policy, not a zone, rejects or drops a guest bridge's forwarded traffic: the accept goes into
 * that policy as a rich rule for the bridge's subnet (firewalld runs a policy's rich rules before its target), at
 * run time and --permanent, instead of moving the bridge to another zone. Least privilege: only what comes from
 * the guests' subnet, only where that policy applies; the policy's own deny rich rules still come first.
 */
final class FirewalldPolicyPlanner {
    private static final String DISPATCH_PREFIX = "filter_FWD_policy_";
    private final HostSnapshot s;
    private final HostReader host;

    FirewalldPolicyPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    /**
     * The policies that stop what comes in by the bridge: running, target REJECT or DROP, the bridge's zone (or
     * ANY) among their ingress zones, forwarding (an egress zone other than HOST), and dispatched in firewalld's
     * table (a policy whose zones have no interface or source is listed active yet makes no rule).
     */
    static List<FirewalldPolicy> stopping(FirewallState fw, String bridge) {
        Optional<String> zone = FirewalldZones.of(fw, bridge).or(() -> FirewalldForwardPorts.zoneOf(fw, bridge));
        return fw.firewalld().map(f -> f.policies().stream().filter(p -> p.running() && p.stops())
                .filter(p -> p.ingressZones().contains("ANY") || zone.filter(p.ingressZones()::contains).isPresent())
                .filter(p -> p.egressZones().stream().anyMatch(e -> !e.equals("HOST")))
                .filter(p -> fw.rules().stream().anyMatch(r -> r.table().equals(FirewalldZones.TABLE)
                        && r.verdict().equals(DISPATCH_PREFIX + p.name())))
                .toList()).orElse(List.of());
    }

    /** The rich rule in each stopping policy, with the policies' files kept first (undo puts them back). */
    List<Operation> accept(Link bridge) {
        List<FirewalldPolicy> policies = stopping(s.firewall(), bridge.name());
        String subnet = subnet(bridge);
        String rule = FirewalldRichRule.acceptFrom(subnet);
        List<Operation> out = new ArrayList<>();
        for (FirewalldPolicy p : policies) {
            if (p.richRules().stream().anyMatch(r -> r.running() && r.rule().equals(rule))) {
                throw new ChangeRefused("firewalld's policy " + p.name() + " has " + rule + " already: what stops "
                        + bridge.name() + "'s traffic there is a rich rule that comes before it (run virtwire diagnose)");
            }
            out.addAll(SavedFiles.firewalldKept(host, new Id.BridgeAccept(bridge.name()), Optional.empty(),
                    Optional.of(p.name()), false, List.of(new FirewalldPolicyRuleOp(p.name(), rule, bridge.name(),
                            true))));
        }
        return out;
    }

    /** The bridge's IPv4 subnet, where its guests' traffic comes from. */
    private static String subnet(Link bridge) {
        return bridge.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream()).findFirst()
                .map(a -> a.network().toString()).orElseThrow(() -> new ChangeRefused(bridge.name() + " has no IPv4 "
                        + "address, so Virtwire cannot narrow an accept in firewalld's policy to its guests' subnet: "
                        + "add one by hand, firewall-cmd --policy=POLICY --add-rich-rule='rule family=\"ipv4\" source "
                        + "address=\"SUBNET\" accept' (and again with --permanent)"));
    }
}
