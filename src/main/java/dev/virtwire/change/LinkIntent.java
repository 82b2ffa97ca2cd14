package dev.virtwire.change;

import dev.virtwire.host.Scope;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the user wants of the host's own links: up or down, a bridge's ports, MTU, bridges made, saved or deleted,
 * the uplink bridged.
 */
public sealed interface LinkIntent extends Intent {
    record SetLinkUp(String link, boolean up) implements LinkIntent {
        public String describe() {
            return "Set " + link + (up ? " up" : " down");
        }
    }

    /** Make a link a port of a bridge (or bond), or release it when empty. */
    record SetLinkMaster(String link, Optional<String> master, Optional<Scope> scope) implements LinkIntent {
        public SetLinkMaster(String link, Optional<String> master) {
            this(link, master, Optional.empty());
        }

        public String describe() {
            return master.map(m -> "Add " + link + " to " + m).orElse("Release " + link + " from its bridge");
        }
    }

    /**
     * The MTU of a link: live, saved through the link's manager, or both (a journal from before scopes: none). A
     * change of the host's own connection runs under a revert timer, {@code confirmWithin} seconds (empty: 60).
     */
    record SetLinkMtu(String link, int mtu, Optional<Scope> scope, OptionalInt confirmWithin) implements LinkIntent {
        public SetLinkMtu(String link, int mtu) {
            this(link, mtu, Optional.empty());
        }

        public SetLinkMtu(String link, int mtu, Optional<Scope> scope) {
            this(link, mtu, scope, OptionalInt.empty());
        }

        public String describe() {
            return "Set the MTU of " + link + " to " + mtu;
        }
    }

    /** A new Linux bridge; forward delay in seconds. */
    record CreateBridge(String name, boolean stp, int forwardDelay, Optional<Scope> scope) implements LinkIntent {
        public CreateBridge(String name, boolean stp, int forwardDelay) {
            this(name, stp, forwardDelay, Optional.empty());
        }

        public String describe() {
            return "Create bridge " + name + (stp ? " with STP" : "");
        }
    }

    /**
     * Save a bridge that runs but that no network manager saves (made by hand), with its ports towards the LAN, as
     * they run now, through the manager that will own it: nothing running changes; from the next boot the manager
     * makes it. A port saved as another bridge's moves to this one in the saved configuration too.
     */
    record SaveBridge(String name) implements LinkIntent {
        public String describe() {
            return "Save bridge " + name + " and its ports as they run now";
        }
    }

    /** Delete a Linux bridge, releasing its ports first. */
    record DeleteBridge(String name, Optional<Scope> scope) implements LinkIntent {
        public DeleteBridge(String name) {
            this(name, Optional.empty());
        }

        public String describe() {
            return "Delete bridge " + name;
        }
    }

    /**
     * Put a physical NIC into a bridge (created if needed), moving its addresses, routes and optionally its MAC
     * to the bridge, under a confirm-or-revert timer.
     */
    record BridgeUplink(String nic, String bridge, boolean moveMac, int confirmWithinSeconds, Optional<Scope> scope)
            implements LinkIntent {
        public BridgeUplink(String nic, String bridge, boolean moveMac, int confirmWithinSeconds) {
            this(nic, bridge, moveMac, confirmWithinSeconds, Optional.empty());
        }

        public String describe() {
            return "Bridge the uplink " + nic + " into " + bridge;
        }
    }
}
