package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.model.Id;
import java.util.List;

/**
 * A macvtap guest cannot talk to its own host: frames from a macvtap go out of the host NIC, never up
 * into the host's stack. Expected behaviour, not a fault; the steps say how to live with it.
 */
public final class MacvtapHostIsolation implements Rule {

    @Override
    public List<Finding> check(Situation s) {
        boolean toHostStack = s.reach() == Reach.HOST || s.otherPath().filter(o -> o.throughHostStack()).isPresent();
        if (s.path().wiring() != Wiring.MACVTAP || !toHostStack) {
            return List.of();
        }
        String lower = s.path().uplinks().stream().findFirst().orElse("its host NIC");
        return List.of(Finding.of(Catalog.MACVTAP_HOST_ISOLATION, s.guestName() + " uses macvtap on " + lower
                        + ": by design it cannot reach this host")
                .withEvidence(s.guestName() + "'s NIC " + s.nic().mac() + " is " + s.nic().type().json()
                        + " (macvtap, mode " + s.nic().directMode().orElse("vepa") + ") on " + lower)
                .withNodes(s.nicNode(), new Id.Link(lower))
                .withSteps("attach the guest to a Linux bridge that holds " + lower + " instead of macvtap",
                        "or give the host a macvlan of its own: ip link add macvlan0 link " + lower
                                + " type macvlan mode bridge, and move the host's address there",
                        "or add a second NIC on a NAT or isolated network for guest-host traffic"));
    }
}
