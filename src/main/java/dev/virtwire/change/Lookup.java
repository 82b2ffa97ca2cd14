package dev.virtwire.change;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/**
 * Finds what a change names on the host, or refuses, naming what there is instead: "there is no libvirt network
 * named 'lan'; networks: default, isolated". Every planner asks here, so every such refusal reads alike.
 */
final class Lookup {
    /** A container host has hundreds of links: a refusal names this many and counts the rest. */
    static final int SHOWN = 12;

    private final HostSnapshot s;

    Lookup(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    Guest guest(String name) {
        Input.libvirtName(name, "guest");
        return named(s.guest(name), "guest", name, "guests", s.guests().stream().map(Guest::name).toList());
    }

    static GuestNic nic(Guest guest, String mac) {
        String normalized = Input.mac(mac);
        return guest.nic(normalized).orElseThrow(() -> new ChangeRefused(guest.name() + " has no NIC with MAC "
                + normalized + "; its NICs: " + list(guest.nics().stream().map(GuestNic::mac).toList())));
    }

    VirtualNetwork network(String name) {
        Input.libvirtName(name, "network");
        return named(s.network(name), "libvirt network", name, "networks", networkNames(s.networks()));
    }

    /** Any kernel link; {@code what} says what the change calls it (link, device, NIC). */
    Link link(String name, String what) {
        Input.link(name, what);
        return named(s.link(name), "link", name, "links", s.links().stream().map(Link::name).toList());
    }

    Link bridge(String name) {
        Input.link(name, "bridge");
        return named(s.link(name).filter(l -> l.kind() == LinkKind.BRIDGE), "Linux bridge", name, "bridges",
                bridgeNames());
    }

    /**
     * An existing link given as the bridge a change puts things in: a Linux bridge that libvirt does not own (the
     * bridge of a nat, route, open or isolated network comes and goes with its network).
     */
    void requireOwnBridge(Link bridge) {
        if (bridge.kind() != LinkKind.BRIDGE) {
            throw new ChangeRefused(bridge.name() + " is a " + bridge.kind().json() + ", not a bridge: choose another "
                    + "name for the new bridge");
        }
        s.networkOnBridge(bridge.name()).filter(n -> n.mode() != NetworkMode.BRIDGE).ifPresent(n -> {
            throw new ChangeRefused(bridge.name() + " belongs to libvirt network '" + n.name() + "' ("
                    + n.mode().json() + "): libvirt owns it; use a bridge of your own");
        });
    }

    /** A link a guest NIC can sit on directly (macvtap) or a network can forward through. */
    Link hostNic(String name) {
        Input.link(name, "host NIC");
        return named(s.link(name), "host NIC", name, "links", s.links().stream().map(Link::name).toList());
    }

    List<String> bridgeNames() {
        return s.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE).map(Link::name).toList();
    }

    static List<String> networkNames(List<VirtualNetwork> networks) {
        return networks.stream().map(VirtualNetwork::name).toList();
    }

    /**
     * The thing found, or a refusal: "there is no WHAT named 'NAME'; OTHERS: a, b, c".
     *
     * @param others what the listed names are ("networks", "bridges")
     */
    static <T> T named(Optional<T> found, String what, String name, String others, List<String> names) {
        return found.orElseThrow(() -> new ChangeRefused("there is no " + what + " named '" + name + "'; " + others
                + ": " + list(names)));
    }

    /** "a, b, c", "none", or the first {@link #SHOWN} and how many more. */
    static String list(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
