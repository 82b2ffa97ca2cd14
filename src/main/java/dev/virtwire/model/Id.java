package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What Virtwire names on a host: a node of the topology ({@link Id.Node}) or another thing a change is about
 * (a tap, an address, a route, a sysctl, a firewall rule, a host-side timer). One printer ({@link #text()},
 * {@code "kind:name"}, as the JSON contract shows node ids) and one parser ({@link #parse}); nothing else
 * builds or slices id strings.
 */
public sealed interface Id {

    /** "link:eth0", "nic:web1/52:54:00:3a:10:01", "outside": the one printer of ids. */
    default String text() {
        if (this instanceof Outside) {
            return "outside";
        } else if (this instanceof Link l) {
            return "link:" + l.name();
        } else if (this instanceof Network n) {
            return "network:" + n.name();
        } else if (this instanceof Guest g) {
            return "guest:" + g.name();
        } else if (this instanceof Nic n) {
            return "nic:" + n.guest() + "/" + n.mac();
        } else if (this instanceof Tap t) {
            return "tap:" + t.guest() + "/" + t.mac();
        } else if (this instanceof Address a) {
            return "address:" + a.cidr();
        } else if (this instanceof Route r) {
            return "route:" + r.destination();
        } else if (this instanceof Sysctl s) {
            return "sysctl:" + s.key();
        } else if (this instanceof PortForward f) {
            return "forward:" + f.comment();
        } else if (this instanceof BridgeAccept a) {
            return "accept:" + a.bridge();
        }
        return "watchdog:" + ((Watchdog) this).id();
    }

    /**
     * The id a text prints as.
     *
     * @throws IllegalArgumentException naming the text and the kinds allowed
     */
    static Id parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an id: "
                + "expected outside, link:NAME, network:NAME, guest:NAME, nic:GUEST/MAC, tap:GUEST/MAC, "
                + "address:CIDR, route:DEST, sysctl:KEY, forward:COMMENT, accept:BRIDGE or watchdog:ID"));
    }

    /** The id a text prints as, or empty when it is none (e.g. a view's own key such as "group:..."). */
    static Optional<Id> tryParse(String text) {
        if (text.equals("outside")) {
            return Optional.of(new Outside());
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String name = text.substring(colon + 1);
        return switch (text.substring(0, colon)) {
            case "link" -> Optional.of(new Link(name));
            case "network" -> Optional.of(new Network(name));
            case "guest" -> Optional.of(new Guest(name));
            case "nic" -> guestAndMac(name).map(p -> new Nic(p[0], p[1]));
            case "tap" -> guestAndMac(name).map(p -> new Tap(p[0], p[1]));
            case "address" -> Optional.of(new Address(name));
            case "route" -> Optional.of(new Route(name));
            case "sysctl" -> Optional.of(new Sysctl(name));
            case "forward" -> Optional.of(new PortForward(name));
            case "accept" -> Optional.of(new BridgeAccept(name));
            case "watchdog" -> Optional.of(new Watchdog(name));
            default -> Optional.empty();
        };
    }

    /** The node a text prints as, or empty when it names no node of the topology. */
    static Optional<Node> tryParseNode(String text) {
        return tryParse(text).filter(Node.class::isInstance).map(Node.class::cast);
    }

    /** "web1/52:54:00:3a:10:01": a libvirt name cannot hold a slash, a MAC has none, so the last one splits. */
    private static Optional<String[]> guestAndMac(String text) {
        int slash = text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {text.substring(0, slash), text.substring(slash + 1)});
    }

    /** Every part of an id is a non-empty name: an id built from nothing is a bug, not input. */
    private static void named(String kind, String part) {
        Objects.requireNonNull(part, kind);
        if (part.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " id needs a name");
        }
    }

    /** A node of the topology: what the graph, the canvas, the JSON and the troubleshooter's path name. */
    sealed interface Node extends Id {
    }

    /** The LAN and the internet beyond the uplink. */
    record Outside() implements Node {
    }

    /** A kernel link: NIC, bridge, tap, veth, macvtap, VLAN, bond... */
    record Link(String name) implements Node {
        public Link {
            named("link", name);
        }
    }

    /** A libvirt virtual network. */
    record Network(String name) implements Node {
        public Network {
            named("network", name);
        }
    }

    /** A libvirt guest (domain). */
    record Guest(String name) implements Node {
        public Guest {
            named("guest", name);
        }
    }

    /** A guest's NIC, known by its MAC. */
    record Nic(String guest, String mac) implements Node {
        public Nic {
            named("nic", guest);
            named("nic", mac);
        }

        public Guest guestId() {
            return new Guest(guest);
        }
    }

    /** The host-side device of a guest NIC (a tap or macvtap): the guest and the link table both. */
    record Tap(String guest, String mac) implements Id {
        public Tap {
            named("tap", guest);
            named("tap", mac);
        }
    }

    /** An address on a link, as CIDR. */
    record Address(String cidr) implements Id {
        public Address {
            named("address", cidr);
        }
    }

    /** A route, by its destination ("default" or a CIDR). */
    record Route(String destination) implements Id {
        public Route {
            named("route", destination);
        }
    }

    /** A kernel setting, e.g. net.ipv4.ip_forward. */
    record Sysctl(String key) implements Id {
        public Sysctl {
            named("sysctl", key);
        }
    }

    /** A port forward's firewall rules, known by the comment Virtwire gives them. */
    record PortForward(String comment) implements Id {
        public PortForward {
            named("forward", comment);
        }
    }

    /** The forward-filter accept rules of one bridge. */
    record BridgeAccept(String bridge) implements Id {
        public BridgeAccept {
            named("accept", bridge);
        }
    }

    /** A host-side revert timer: not part of any snapshot. */
    record Watchdog(String id) implements Id {
        public Watchdog {
            named("watchdog", id);
        }
    }
}
