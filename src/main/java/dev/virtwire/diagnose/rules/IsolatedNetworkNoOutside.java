package dev.virtwire.diagnose.rules;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.model.Id;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An isolated network has no way out by design: asked about the LAN or internet, say so, not "broken". */
public final class IsolatedNetworkNoOutside implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.ISOLATED_NETWORK_NO_OUTSIDE);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(n -> n.mode() == NetworkMode.ISOLATED);
        if (network.isEmpty() || !(s.goesOutside() || s.reach() == Reach.OTHER_SEGMENT)) {
            return List.of();
        }
        String name = network.get().name();
        Finding finding = Finding.of(Catalog.ISOLATED_NETWORK_NO_OUTSIDE, "Network '" + name + "' is isolated: "
                        + "its guests reach each other and the host, nothing beyond")
                .withEvidence("network '" + name + "' has no <forward> element (isolated)")
                .withNodes(new Id.Network(name));
        Optional<VirtualNetwork> nat = s.snapshot().networks().stream()
                .filter(n -> n.mode() == NetworkMode.NAT && n.active()).findFirst();
        return List.of(nat.map(n -> finding.withFix(Fix.of(new GuestIntent.SwitchToNat(s.guestName(), s.nic().mac(),
                        Optional.of(n.name())))))
                .orElse(finding.withSteps("move the NIC to a NAT network, or add a second NIC on one")));
    }
}
