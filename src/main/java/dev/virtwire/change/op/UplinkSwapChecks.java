package dev.virtwire.change.op;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.Optional;

/**
 * What the steps that move an uplink's saved configuration to a bridge in one command (ifupdown's, networkd's) expect
 * before and find after: bridging, the bridge is not there yet and then has the NIC as its port; taking it back,
 * the bridge is there and then gone.
 */
final class UplinkSwapChecks {
    private UplinkSwapChecks() {
    }

    static List<Id> subjects(String nic, String bridge) {
        return List.of(new Id.Link(nic), new Id.Link(bridge));
    }

    static Optional<String> drift(HostSnapshot now, String bridge, boolean bridged) {
        if (bridged && now.link(bridge).isPresent()) {
            return Optional.of(bridge + " exists already");
        }
        return !bridged && now.link(bridge).isEmpty() ? Optional.of(bridge + " is gone already") : Optional.empty();
    }

    /** @param notMade what failed when bridging did not make the bridge with the NIC as its port */
    static Optional<String> unverified(HostSnapshot now, String nic, String bridge, boolean bridged, String notMade) {
        boolean enslaved = now.link(nic).flatMap(Link::master).filter(bridge::equals).isPresent();
        if (bridged) {
            return enslaved ? Optional.empty() : Optional.of(notMade);
        }
        return now.link(bridge).isEmpty() && !enslaved ? Optional.empty() : Optional.of(bridge + " still exists");
    }
}
