package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The guest's tap exists but is not a port of the bridge its network or config names. */
public final class TapNotOnBridge implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.TAP_NOT_ON_BRIDGE);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<String> bridge = s.path().bridge();
        Optional<Link> tap = s.path().tap().flatMap(s::link).filter(l -> l.kind() == LinkKind.TAP);
        if (bridge.isEmpty() || tap.isEmpty() || tap.get().master().equals(bridge)) {
            return List.of();
        }
        String b = bridge.get();
        Link t = tap.get();
        Finding finding = Finding.of(Catalog.TAP_NOT_ON_BRIDGE, s.guestName() + "'s tap " + t.name()
                        + " is " + t.master().map(m -> "on bridge " + m + ", not on " + b).orElse("on no bridge")
                        + ": the guest's frames reach nothing")
                .withEvidence(LinkFacts.describe(t),
                        s.path().network().map(n -> "network '" + n.name() + "' uses bridge " + b)
                                .orElse(s.guestName() + "'s NIC is configured on bridge " + b))
                .withNodes(new Id.Link(t.name()), s.nicNode());
        boolean bridgeThere = s.link(b).isPresent();
        return List.of(bridgeThere
                ? finding.withFix(Fix.of(new LinkIntent.SetLinkMaster(t.name(), Optional.of(b))))
                : finding.withEvidence("ip link show " + b + ": no such device")
                        .withSteps("create or start what owns bridge " + b + " first"));
    }
}
