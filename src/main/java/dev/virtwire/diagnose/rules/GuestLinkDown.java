package dev.virtwire.diagnose.rules;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import java.util.List;
import java.util.Set;

/** The guest NIC's virtual cable is unplugged ({@code <link state='down'/>}). */
public final class GuestLinkDown implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.GUEST_LINK_DOWN);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.nic().linkUp()) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.GUEST_LINK_DOWN, "The virtual cable of " + s.guestName() + "'s NIC "
                        + s.nic().mac() + " is unplugged")
                .withEvidence("virsh domif-getlink " + s.guestName() + " " + s.nic().mac() + ": down")
                .withNodes(s.nicNode())
                .withFix(Fix.of(new GuestIntent.SetNicLink(s.guestName(), s.nic().mac(), true))));
    }
}
