package dev.virtwire.diagnose.rules;

import dev.virtwire.change.SysctlIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.Id;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** NAT, routed and open networks need the host to forward packets: net.ipv4.ip_forward=1. */
public final class IpForwardDisabled implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.IP_FORWARD_DISABLED);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.routedByHost() || s.path().mode().filter(m -> m == NetworkMode.ISOLATED).isPresent()) {
            return List.of();
        }
        Optional<Boolean> forward = s.snapshot().kernel().ipForward();
        if (forward.isEmpty()) {
            s.couldNotCheckBlocking("whether the host forwards IPv4 (net.ipv4.ip_forward could not be read)");
            return List.of();
        }
        if (forward.get()) {
            return linkNotForwarding(s);
        }
        return List.of(Finding.of(Catalog.IP_FORWARD_DISABLED, "The host does not forward IPv4 packets, so "
                        + s.guestName() + "'s traffic stops at the host")
                .withEvidence("sysctl net.ipv4.ip_forward = 0")
                .withNodes(s.path().bridge().<Id.Node>map(Id.Link::new).orElse(s.nicNode()))
                .withFix(Fix.of(new SysctlIntent.SetIpForward(true)))
                .withSteps("to keep it after a reboot: virtwire link forwarding on --scope both (saves it in "
                        + SysctlConf.PATH + ")"));
    }

    /** Forwarding on, but off for the bridge the guest's packets arrive on, or for the link they leave by. */
    private static List<Finding> linkNotForwarding(Situation s) {
        List<String> off = s.snapshot().kernel().notForwarding();
        List<String> onPath = java.util.stream.Stream.concat(s.path().bridge().stream(), s.path().uplinks().stream())
                .filter(off::contains).distinct().toList();
        if (onPath.isEmpty()) {
            return List.of();
        }
        Finding finding = Finding.of(Catalog.IP_FORWARD_DISABLED, "IPv4 forwarding is off on "
                        + String.join(", ", onPath) + ", so " + s.guestName() + "'s traffic is not routed on there")
                .withEvidence(onPath.stream().map(l -> "sysctl net.ipv4.conf." + l + ".forwarding = 0").toList())
                .withNodes(onPath.stream().map(Id.Link::new).toArray(Id.Node[]::new))
                .withSteps(onPath.stream().map(l -> "virtwire link forwarding " + l + " on (--scope both keeps it "
                        + "after a reboot)").toArray(String[]::new));
        // one link is one change; several are taken one by one with the steps
        return List.of(onPath.size() == 1 ? finding.withFix(Fix.of(new SysctlIntent.SetLinkForwarding(onPath.get(0), true,
                Scope.LIVE))) : finding);
    }
}
