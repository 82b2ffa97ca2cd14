package dev.virtwire.diagnose.rules;

import dev.virtwire.change.Intent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;

/** NAT, routed and open networks need the host to forward packets: net.ipv4.ip_forward=1. */
public final class IpForwardDisabled implements Rule {

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
            return List.of();
        }
        return List.of(Finding.of(Catalog.IP_FORWARD_DISABLED, "The host does not forward IPv4 packets, so "
                        + s.guestName() + "'s traffic stops at the host")
                .withEvidence("sysctl net.ipv4.ip_forward = 0")
                .withNodes(s.path().bridge().map(dev.virtwire.model.topology.Node::linkId).orElse(s.nicNode()))
                .withFix(Fix.of(new Intent.SetIpForward(true)))
                .withSteps("to keep it after a reboot: echo net.ipv4.ip_forward=1 > /etc/sysctl.d/60-virtwire.conf"));
    }
}
