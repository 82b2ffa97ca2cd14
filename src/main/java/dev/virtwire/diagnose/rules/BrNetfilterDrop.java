package dev.virtwire.diagnose.rules;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.ForwardVerdicts.Verdict;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * br_netfilter hands bridged frames to iptables' FORWARD chain; with a DROP policy there (Docker's,
 * typically) guests on a plain Linux bridge lose the LAN although nothing is routed.
 */
public final class BrNetfilterDrop implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.BR_NETFILTER_DROP);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().wiring() != Wiring.BRIDGED || s.path().bridge().isEmpty() || s.reach() == Situation.Reach.HOST) {
            return List.of();
        }
        Optional<Boolean> callIptables = s.snapshot().kernel().bridgeNfCallIptables();
        if (callIptables.isEmpty() || !callIptables.get()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        // bridged frames show the bridge as both in and out interface to iptables
        Packet packet = ForwardVerdicts.outbound(s, bridge, Optional.of(bridge));
        List<Verdict> drops = ForwardVerdicts.blocking(s, packet);
        if (drops.isEmpty()) {
            return List.of();
        }
        Finding finding = Finding.of(Catalog.BR_NETFILTER_DROP, "Bridged traffic of " + bridge + " goes through the "
                        + "host's firewall (br_netfilter), which drops it")
                .withEvidence("sysctl net.bridge.bridge-nf-call-iptables = 1")
                .withEvidence(drops.stream().map(v -> v.evidence(s)).toList())
                .withNodes(new Id.Link(bridge));
        // accepting the bridge's frames keeps br_netfilter for whoever relies on it (Docker does)
        if (ForwardPolicyDrop.writable(s)) {
            finding = finding.withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge)));
        }
        return List.of(finding.withSteps("or stop filtering bridged frames altogether: sysctl -w "
                + "net.bridge.bridge-nf-call-iptables=0 (keep it in /etc/sysctl.d/ to survive reboots; Docker "
                + "needs it on for its own bridges)"));
    }
}
