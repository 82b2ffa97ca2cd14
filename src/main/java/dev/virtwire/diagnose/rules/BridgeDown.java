package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The bridge the guest hangs on is down, or missing although its network runs. */
public final class BridgeDown implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.BRIDGE_DOWN);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<String> bridge = s.path().bridge();
        if (bridge.isEmpty()) {
            return List.of();
        }
        String b = bridge.get();
        Optional<Link> link = s.link(b);
        if (link.isEmpty()) {
            return List.of(Finding.of(Catalog.BRIDGE_DOWN, "Bridge " + b + " does not exist")
                    .withEvidence("ip link show " + b + ": no such device")
                    .withNodes(s.path().network().<Id.Node>map(n -> new Id.Network(n.name())).orElse(s.nicNode()))
                    .withSteps(s.path().network().map(n -> "restart network '" + n.name() + "' so libvirt "
                            + "creates its bridge again: virsh net-destroy " + n.name() + " && virsh net-start "
                            + n.name()).orElse("create the bridge: ip link add " + b + " type bridge && ip link "
                            + "set " + b + " up")));
        }
        if (!LinkFacts.adminDown(link.get())) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.BRIDGE_DOWN, "Bridge " + b + " is down")
                .withEvidence(LinkFacts.describe(link.get()))
                .withNodes(new Id.Link(b))
                .withFix(Fix.of(new LinkIntent.SetLinkUp(b, true))));
    }
}
