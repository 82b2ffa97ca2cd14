package dev.virtwire.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A link's role as a port of a Linux bridge.
 *
 * @param state forwarding, learning, listening, blocking or disabled (only forwarding passes traffic)
 * @param vlans the VLANs the port carries when the bridge filters VLANs
 * @param pvid  the VLAN untagged frames are put in
 */
public record BridgePort(Optional<String> state, List<Integer> vlans, OptionalInt pvid) {

    public BridgePort {
        vlans = List.copyOf(vlans);
    }

    public boolean forwarding() {
        return state.map("forwarding"::equals).orElse(true);
    }

    public BridgePort withVlans(List<Integer> newVlans, OptionalInt newPvid) {
        return new BridgePort(state, newVlans, newPvid);
    }
}
