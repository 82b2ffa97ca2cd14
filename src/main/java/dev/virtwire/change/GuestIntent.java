package dev.virtwire.change;

import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.Optional;

/**
 * What the user wants of a guest's NIC: where it is connected, its link state, a VLAN.
 */
public sealed interface GuestIntent extends Intent {
    /**
     * Point a guest NIC at a libvirt network, a Linux bridge or a host NIC (macvtap), keeping MAC, model and PCI
     * slot.
     */
    record AttachNic(String guest, String mac, NicType type, String source, Scope scope) implements GuestIntent {
        public String describe() {
            return "Connect " + guest + "'s NIC " + mac + " to " + type.json() + " " + source;
        }
    }

    /** NAT -> bridged: onto the bridge that carries the LAN uplink, or the one given. */
    record SwitchToBridged(String guest, String mac, Optional<String> bridge) implements GuestIntent {
        public String describe() {
            return "Switch " + guest + "'s NIC " + mac + " to bridged" + bridge.map(b -> " (" + b + ")").orElse("");
        }
    }

    /** Bridged -> NAT: onto libvirt's NAT network ({@code default} unless given). */
    record SwitchToNat(String guest, String mac, Optional<String> network) implements GuestIntent {
        public String describe() {
            return "Switch " + guest + "'s NIC " + mac + " to NAT" + network.map(n -> " (" + n + ")").orElse("");
        }
    }

    record SetNicLink(String guest, String mac, boolean up) implements GuestIntent {
        public String describe() {
            return (up ? "Plug in " : "Unplug ") + guest + "'s NIC " + mac;
        }
    }

    /**
     * Give a guest's NIC another MAC (a clone's, found on another host too). The new MAC is chosen by whoever asks
     * (a fleet check picks one unused across the fleet); on a running guest the NIC is unplugged and plugged in
     * again with it, which the plan says.
     */
    record SetNicMac(String guest, String mac, String newMac) implements GuestIntent {
        public String describe() {
            return "Give " + guest + "'s NIC " + mac + " the new MAC " + newMac;
        }
    }

    /**
     * Off macvtap, onto a bridge of the same LAN that does not exist yet: the host NIC under the guest's macvtap
     * is bridged into {@code bridge} (as {@link BridgeUplink}, under its revert timer) and the guest's NIC is
     * moved onto that bridge, in one change. For a macvtap guest that must reach its own host.
     */
    record MacvtapToNewBridge(String guest, String mac, String bridge, int confirmWithinSeconds)
            implements GuestIntent {
        public String describe() {
            return "Move " + guest + "'s NIC " + mac + " off macvtap: bridge its host NIC into " + bridge
                    + " and connect the NIC there";
        }
    }

    /**
     * Put a guest's NIC on a VLAN of the uplink's trunk in one step: a VLAN link on the trunk (bond0.42), a bridge of
     * its own on it (br42), and the NIC moved onto that bridge. What exists of it already is reused.
     *
     * @param trunk  the link that carries the VLANs; the default route's (a VLAN's parent, a bond) when empty
     * @param bridge the bridge for the VLAN; the one the VLAN link is in, else {@code brID}, when empty
     * @param scope  live, saved or both for the VLAN link and its bridge; empty: both where a manager owns the trunk
     *               (or will own new links), else live
     */
    record PutNicOnVlan(String guest, String mac, int vlan, Optional<String> trunk, Optional<String> bridge,
                        Optional<Scope> scope) implements GuestIntent {
        public PutNicOnVlan(String guest, String mac, int vlan, Optional<String> trunk, Optional<String> bridge) {
            this(guest, mac, vlan, trunk, bridge, Optional.empty());
        }

        public String describe() {
            return "Put " + guest + "'s NIC " + mac + " on VLAN " + vlan + trunk.map(t -> " of " + t).orElse("");
        }
    }
}
