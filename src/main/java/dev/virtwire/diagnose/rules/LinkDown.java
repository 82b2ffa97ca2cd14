package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A link inside the path is administratively down: the guest's tap or macvtap, or a device between the
 * bridge and the uplink (a VLAN, a bond). Bridges and uplinks have their own findings.
 */
public final class LinkDown implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.LINK_DOWN);
    }

    @Override
    public List<Finding> check(Situation s) {
        List<Finding> out = new ArrayList<>();
        if (s.path().guest().isRunning()) {
            s.path().tap().flatMap(s::link).ifPresent(tap -> down(s, tap).ifPresent(out::add));
        }
        if (s.goesOutside()) {
            // what the uplinks sit on: a VLAN's or bond port's lower device
            for (String uplink : s.path().uplinks()) {
                s.link(uplink).flatMap(Link::parent).flatMap(s::link).flatMap(l -> down(s, l)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Finding> down(Situation s, Link link) {
        if (!LinkFacts.adminDown(link)) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(Catalog.LINK_DOWN, "Link " + link.name() + " on " + s.guestName()
                        + "'s path is down")
                .withEvidence(LinkFacts.describe(link))
                .withNodes(new Id.Link(link.name()))
                .withFix(Fix.of(new LinkIntent.SetLinkUp(link.name(), true))));
    }
}
