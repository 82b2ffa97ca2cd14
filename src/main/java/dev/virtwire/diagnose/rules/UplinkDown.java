package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.FixIntent;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.topology.Node;
import java.util.ArrayList;
import java.util.List;

/** The link the guest's traffic leaves the host by is down, or has no carrier (cable, switch port). */
public final class UplinkDown implements Rule {

    @Override
    public List<Finding> check(Situation s) {
        if (!s.goesOutside()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (String name : s.path().uplinks()) {
            s.link(name).filter(l -> !l.isUp()).ifPresent(link -> out.add(finding(s, link)));
        }
        return out;
    }

    private static Finding finding(Situation s, Link link) {
        Finding finding = Finding.of(Catalog.UPLINK_DOWN, "Uplink " + link.name() + " is down")
                .withEvidence(LinkFacts.describe(link))
                .withNodes(Node.linkId(link.name()), "outside");
        if (LinkFacts.adminDown(link)) {
            return finding.withFix(Fix.of(new FixIntent.SetLinkUp(link.name(), true)));
        }
        return finding.withEvidence(link.state() == LinkState.DOWN ? "it is up but has no carrier" : "state unknown")
                .withSteps("check the cable and the switch port of " + link.name());
    }
}
