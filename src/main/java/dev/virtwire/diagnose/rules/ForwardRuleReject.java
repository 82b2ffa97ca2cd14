package dev.virtwire.diagnose.rules;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.ForwardVerdicts.Verdict;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewalldChains;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.Id;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.UfwRoutes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An explicit rule (not a policy, not Docker's) rejects or drops the guest's forwarded packets. */
public final class ForwardRuleReject implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.FORWARD_RULE_REJECT);
    }

    @Override
    public List<Finding> check(Situation s) {
        boolean isolated = s.path().mode().filter(m -> m == NetworkMode.ISOLATED).isPresent();
        if (!s.routedByHost() || isolated || s.path().bridge().isEmpty()
                || s.snapshot().firewall().backend() == FirewallBackend.UNKNOWN) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        Packet packet = ForwardVerdicts.outbound(s, bridge, ForwardVerdicts.outLink(s));
        List<Verdict> rejects = ForwardVerdicts.blocking(s, packet).stream()
                .filter(v -> v.outcome().rule().isPresent() && !v.byDocker()).toList();
        if (rejects.isEmpty()) {
            return List.of();
        }
        Verdict first = rejects.get(0);
        Finding finding = Finding.of(Catalog.FORWARD_RULE_REJECT, "A firewall rule " + first.outcome().verdict()
                        .toLowerCase(java.util.Locale.ROOT) + "s what " + s.guestName() + " sends through " + bridge)
                .withEvidence(rejects.stream().map(v -> v.evidence(s)).toList())
                .withEvidence(packet.source().map(a -> "the guest's packets come from " + a.ip()).orElse(
                        "the guest's address is not known"))
                .withNodes(new Id.Link(bridge))
                .withSteps("remove or narrow the rule: " + first.evidence(s),
                        "if it is libvirt's own reject for addresses outside the network, the guest's address is "
                                + "wrong: give it an address in " + s.path().subnet().map(Object::toString)
                                .orElse("the network's subnet"));
        if (first.outcome().rule().orElseThrow().chain().equals(UfwRoutes.CHAIN) && acceptable(s, first)) {
            finding = finding.withSteps("it is a route rule of ufw's (saved in /etc/ufw/user.rules): the fix runs "
                    + "ufw route allow in on " + bridge + " and out on " + bridge + "; ufw turns a deny with that very "
                    + "match into the allow where it stands, and new allow rules go ahead of any other deny of all "
                    + bridge + " sends (ufw route insert 1 …), since rules after it are never reached");
        }
        Optional<FirewalldChains.Owner> owner = FirewalldChains.owner(first.outcome().rule().orElseThrow());
        if (owner.filter(FirewalldChains.Owner::policy).isPresent()) {
            return List.of(byPolicy(finding, owner.get(), bridge, first.outcome().rule().orElseThrow(), s));
        }
        if (firewalldRejects(s, first, bridge)) {
            String zone = FirewalldZones.forBridge(s.snapshot(), bridge);
            return List.of(finding.withSteps("firewalld rejects it: " + bridge + " has no zone of its own, so the "
                            + "default zone's rules apply, and they do not forward its traffic; the fix puts " + bridge
                            + " in firewalld's " + zone + " zone" + (zone.equals(FirewalldZones.TRUSTED) ? ""
                            : " (libvirt's own, where libvirt puts its networks' bridges)") + " with firewall-cmd (at "
                            + "run time and --permanent: it stays after firewall-cmd --reload and a reboot)")
                    .withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge))));
        }
        return List.of(acceptable(s, first) ? finding.withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge))) : finding);
    }

    /**
     * A firewalld policy stops it: by its target, the fix adds an accept rich rule for the bridge's subnet to that
     * policy (the bridge stays in its zone); by one of its rich rules (deny rich rules come before accept ones), the
     * steps say which to remove or narrow, with no fix.
     */
    private static Finding byPolicy(Finding finding, FirewalldChains.Owner policy, String bridge, FirewallRule rule,
                                    Situation s) {
        String subnet = s.path().subnet().map(n -> n.network().toString()).orElse("SUBNET");
        if (!policy.part().isEmpty()) {
            String rich = FirewalldChains.richRule(s.snapshot().firewall(), rule).map(FirewalldRichRule::rule)
                    .orElse("RULE");
            return finding.withSteps("a rich rule of firewalld's policy " + policy.name() + " stops it, and the "
                    + "policy's deny rich rules come before any accept: remove or narrow it, firewall-cmd "
                    + policy.option() + " --remove-rich-rule='" + rich + "' (and again with --permanent)");
        }
        return finding.withSteps("firewalld's policy " + policy.name() + " rejects it (its target), not "
                        + bridge + "'s zone: the fix adds the rich rule " + FirewalldRichRule.acceptFrom(subnet)
                        + " to that policy with firewall-cmd " + policy.option() + " --add-rich-rule (at run time and "
                        + "--permanent: it stays after firewall-cmd --reload and a reboot); " + bridge
                        + " stays in its zone, and the policy still stops everything else")
                .withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge)));
    }

    /** firewalld's own table rejects, and the bridge has no zone of its own: firewall-cmd lets it through. */
    private static boolean firewalldRejects(Situation s, Verdict verdict, String bridge) {
        FirewallRule rule = verdict.outcome().rule().orElseThrow();
        return rule.table().equals(FirewalldZones.TABLE)
                && FirewalldZones.of(s.snapshot().firewall(), bridge).isEmpty();
    }

    /**
     * Whether an accept of the bridge ahead of the rule repairs it: not for libvirt's own rejects (they stop
     * addresses outside the network, and libvirt makes them again), and only where Virtwire writes the accept
     * into the rule's own table (iptables' filter where iptables runs, or the nftables table that rejects).
     */
    private static boolean acceptable(Situation s, Verdict verdict) {
        FirewallRule rule = verdict.outcome().rule().orElseThrow();
        boolean libvirts = rule.savedBy().filter(t -> t == FirewallTool.LIBVIRT).isPresent()
                || rule.table().endsWith(" libvirt_network") || rule.chain().startsWith("LIBVIRT_");
        // nftables tables ("family name") take their own accept on any host; iptables' only where iptables runs
        boolean written = rule.table().contains(" ") || s.snapshot().firewall().backend().iptables();
        return !libvirts && written && ForwardPolicyDrop.writable(s)
                && !s.snapshot().firewall().runs(FirewallTool.FIREWALLD);
    }
}
