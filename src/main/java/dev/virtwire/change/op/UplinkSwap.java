package dev.virtwire.change.op;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.Optional;

/**
 * A step that moves an uplink's saved configuration to a bridge in one command on the host (ifupdown's, networkd's;
 * netplan's for NetworkManager in a few, the last of which moves the connection),
 * and what it expects before and finds after: bridging, the bridge is not there yet and then has the NIC as its
 * port; taking it back, the bridge is there and then gone.
 */
sealed interface UplinkSwap extends Operation permits IfupdownSwapOp, NetworkdSwapOp, NetplanNmSwapOp {
    String nic();

    String bridge();

    /** Whether this step bridges (true) or takes the bridging back (false). */
    boolean bridged();

    /** What failed when bridging did not make the bridge with the NIC as its port, in the manager's words. */
    String bridgeNotMade();

    @Override
    default List<Id> subjects() {
        return List.of(new Id.Link(nic()), new Id.Link(bridge()));
    }

    @Override
    default Optional<String> drift(HostSnapshot now) {
        if (bridged() && now.link(bridge()).isPresent()) {
            return Optional.of(bridge() + " exists already");
        }
        return !bridged() && now.link(bridge()).isEmpty() ? Optional.of(bridge() + " is gone already")
                : Optional.empty();
    }

    @Override
    default Optional<String> unverified(HostSnapshot now) {
        boolean enslaved = now.link(nic()).flatMap(Link::master).filter(bridge()::equals).isPresent();
        if (bridged()) {
            return enslaved ? Optional.empty() : Optional.of(bridgeNotMade());
        }
        return now.link(bridge()).isEmpty() && !enslaved ? Optional.empty() : Optional.of(bridge() + " still exists");
    }
}
