package dev.virtwire.ui.canvas;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Route;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.canvas.DiagramEdge.Style;
import dev.virtwire.ui.canvas.DiagramNode.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Turns a snapshot into boxes and lines a sysadmin reads at once: a libvirt network and the bridge it
 * creates are one box; a guest and its NICs are one card; a running NIC is drawn along its real path
 * (tap, bridge, uplink) and its configuration only where it disagrees with that path. Networks with many
 * guests show them as one group box unless the user expanded it; so do many links that no guest, network or
 * host NIC is wired to (a container host's bridges and veths).
 */
public final class DiagramBuilder {
    /** More guests than this on one bridge or network are drawn as a group until expanded. */
    public static final int GROUP_LIMIT = 12;
    /** More bridges and veths/taps than this that nothing of the VMs' world reaches are drawn as one group. */
    public static final int OTHER_LINKS_LIMIT = 24;
    public static final String OTHER_LINKS_ID = "group:other-links";

    private final HostSnapshot snapshot;
    private final Set<String> expanded;
    private final ResourceBundle text;
    private final Map<String, DiagramNode> nodes = new LinkedHashMap<>();
    private final Map<String, DiagramEdge> edges = new LinkedHashMap<>();
    /** link:virbr0 -> network:default for bridges that libvirt networks create. */
    private final Map<String, String> absorbed = new LinkedHashMap<>();

    private DiagramBuilder(HostSnapshot snapshot, Set<String> expanded, ResourceBundle text) {
        this.snapshot = snapshot;
        this.expanded = Set.copyOf(expanded);
        this.text = text;
    }

    /** @param expanded ids of group boxes the user opened ("group:network:default") */
    public static Diagram build(HostSnapshot snapshot, Set<String> expanded, ResourceBundle text) {
        return new DiagramBuilder(snapshot, expanded, text).build();
    }

    private Diagram build() {
        snapshot.networks().stream().filter(DiagramBuilder::ownsBridge)
                .forEach(n -> absorbed.put(new Id.Link(n.bridge().orElseThrow()).text(), new Id.Network(n.name()).text()));
        addOutside();
        snapshot.links().forEach(this::addLink);
        snapshot.networks().forEach(this::addNetwork);
        addGuests();
        groupOtherLinks();
        Diagram all = new Diagram(List.copyOf(nodes.values()), List.copyOf(edges.values()));
        // a reference to something the host does not have (a missing bridge) is not drawn; the inspector tells
        return new Diagram(all.nodes(), all.edges().stream()
                .filter(e -> all.ownerOf(e.from()).isPresent() && all.ownerOf(e.to()).isPresent()).toList());
    }

    /** libvirt creates (and removes) the bridge of these networks; it has no life of its own. */
    private static boolean ownsBridge(VirtualNetwork n) {
        return n.bridge().isPresent() && switch (n.mode()) {
            case NAT, ROUTE, OPEN, ISOLATED -> true;
            default -> false;
        };
    }

    private String visible(String topologyId) {
        return absorbed.getOrDefault(topologyId, topologyId);
    }

    private void addOutside() {
        List<String> details = snapshot.routes().stream().filter(Route::isDefault).findFirst()
                .flatMap(Route::gateway).map(gw -> List.of(t("outside.gateway") + " " + gw)).orElse(List.of());
        put(new DiagramNode(new Id.Outside().text(), Kind.OUTSIDE, 0, t("outside.title"), details, List.of(), List.of(),
                List.of(), List.of("lan", "internet", "outside")));
    }

    private void addLink(Link link) {
        String id = new Id.Link(link.name()).text();
        if (link.kind() == LinkKind.LOOPBACK || absorbed.containsKey(id)) {
            return;
        }
        List<String> style = new ArrayList<>();
        if (!link.isUp()) {
            style.add("down");
        }
        List<String> terms = terms(link.name(), link.mac(), link.addresses());
        switch (link.kind()) {
            case TAP, MACVTAP, VETH -> {
                style.add(link.kind().json());
                put(new DiagramNode(id, Kind.TAP, 3, link.name(), List.of(), List.of(), style, List.of(), terms));
            }
            case BRIDGE -> put(new DiagramNode(id, Kind.BRIDGE, 2, link.name(),
                    withAddresses(t("bridge.linux"), link), List.of(), style, List.of(), terms));
            default -> {
                boolean uplink = snapshot.defaultRouteLink().filter(l -> l.name().equals(link.name())).isPresent();
                if (uplink) {
                    style.add("uplink");
                }
                put(new DiagramNode(id, Kind.HOST_NIC, 1, link.name(), withAddresses(kindText(link), link),
                        List.of(), style, List.of(), terms));
                if (link.kind() == LinkKind.PHYSICAL) {
                    connect(id, new Id.Outside().text(), Style.WIRE, uplink ? t("edge.default-route") : null);
                }
            }
        }
        if (!isGuestTap(link.name())) {
            link.master().ifPresent(m -> connect(id, visible(new Id.Link(m).text()), Style.WIRE, null));
            if (link.kind() == LinkKind.VLAN || link.kind() == LinkKind.MACVTAP) {
                link.parent().ifPresent(p -> connect(id, visible(new Id.Link(p).text()), Style.WIRE, null));
            }
            if (link.kind() == LinkKind.VETH) {
                link.parent().filter(p -> link.name().compareTo(p) < 0)
                        .ifPresent(p -> connect(id, new Id.Link(p).text(), Style.WIRE, null));
            }
        }
    }

    private String kindText(Link link) {
        String kind = t("link." + link.kind().json());
        return link.vlanId().isPresent() ? kind + " " + link.vlanId().getAsInt() : kind;
    }

    private static List<String> withAddresses(String first, Link link) {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        if (!link.addresses().isEmpty()) {
            lines.add(String.join(", ", link.addresses()));
        }
        return lines;
    }

    private void addNetwork(VirtualNetwork network) {
        String id = new Id.Network(network.name()).text();
        List<String> style = new ArrayList<>(List.of("mode-" + modeKey(network)));
        if (!network.active()) {
            style.add("inactive");
        }
        List<String> details = new ArrayList<>();
        String mode = t("mode." + modeKey(network));
        details.add(network.bridge().map(b -> mode + " · " + b).orElse(mode)
                + (network.active() ? "" : " · " + t("state.inactive")));
        network.ips().stream().findFirst().ifPresent(ip -> details.add(ip.address()
                + (ip.hasDhcp() ? " · DHCP" : "")));
        List<String> members = new ArrayList<>();
        List<String> terms = new ArrayList<>(List.of(network.name().toLowerCase(Locale.ROOT)));
        network.ips().stream().map(NetworkIp::address).forEach(a -> terms.add(a.split("/")[0]));
        if (ownsBridge(network)) {
            String bridge = network.bridge().orElseThrow();
            members.add(new Id.Link(bridge).text());
            terms.add(bridge.toLowerCase(Locale.ROOT));
            snapshot.link(bridge).flatMap(Link::mac).ifPresent(m -> terms.add(m.toLowerCase(Locale.ROOT)));
            network.devices().forEach(d -> connect(id, new Id.Link(d).text(), Style.CONFIGURED, t("edge.forward")));
            if (network.active() && network.devices().isEmpty()) {
                connectToUplink(id, network.mode());
            }
        } else {
            network.bridge().ifPresent(b -> connect(id, visible(new Id.Link(b).text()), Style.WIRE, null));
            network.devices().forEach(d -> connect(id, new Id.Link(d).text(), Style.WIRE, null));
        }
        put(new DiagramNode(id, Kind.NETWORK, 2, network.name(), details, List.of(), style, members, terms));
    }

    /** NAT and routed networks leave through the host's default route: say so, it answers "how do I get out". */
    private void connectToUplink(String id, NetworkMode mode) {
        if (mode == NetworkMode.NAT || mode == NetworkMode.ROUTE || mode == NetworkMode.OPEN) {
            snapshot.defaultRouteLink().ifPresent(l ->
                    connect(id, visible(new Id.Link(l.name()).text()), Style.CONFIGURED, t("edge." + mode.json())));
        }
    }

    static String modeKey(VirtualNetwork network) {
        if (network.mode() == NetworkMode.BRIDGE && network.bridge().isEmpty()) {
            return "macvtap";
        }
        return network.mode().isDirect() ? "macvtap" : network.mode().json();
    }

    private void addGuests() {
        GuestPaths paths = new GuestPaths(snapshot, this::visible, t("edge.not-wired"));
        Map<String, List<Guest>> byHome = new LinkedHashMap<>();
        for (Guest guest : snapshot.guests()) {
            byHome.computeIfAbsent(paths.home(guest), h -> new ArrayList<>()).add(guest);
        }
        byHome.forEach((home, guests) -> {
            String groupId = "group:" + home;
            if (guests.size() > GROUP_LIMIT && !expanded.contains(groupId)) {
                addGroup(groupId, home, guests, paths);
            } else {
                guests.forEach(g -> addGuest(g, paths));
            }
        });
    }

    private void addGroup(String groupId, String home, List<Guest> guests, GuestPaths paths) {
        List<String> members = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (Guest g : guests) {
            members.add(new Id.Guest(g.name()).text());
            terms.add(g.name().toLowerCase(Locale.ROOT));
            for (GuestNic nic : g.nics()) {
                members.add(new Id.Nic(g.name(), nic.mac()).text());
                nic.target().ifPresent(tap -> members.add(new Id.Link(tap).text()));
                terms.addAll(terms(nic.mac(), Optional.empty(), nic.addresses().stream().map(GuestAddress::ip).toList()));
            }
        }
        long running = guests.stream().filter(Guest::isRunning).count();
        String title = String.format(t("group.title"), guests.size());
        String where = nodes.containsKey(home) ? nodes.get(home).title() : t("group.nowhere");
        // a guest in trouble must not disappear into a group: the group says how many are miswired
        long miswired = guests.stream().filter(g -> g.nics().stream().flatMap(n -> paths.edges(g, n).stream())
                .anyMatch(e -> e.style() == Style.BROKEN)).count();
        List<String> details = new ArrayList<>(List.of(String.format(t("group.details"), where, running)));
        details.add(miswired > 0 ? String.format(t("group.miswired"), miswired) : t("group.open"));
        put(new DiagramNode(groupId, Kind.GROUP, 4, title, details, List.of(),
                miswired > 0 ? List.of("attention") : List.of(), members, terms));
        if (nodes.containsKey(home)) {
            connect(groupId, home, Style.WIRE, String.valueOf(guests.size()));
        }
        members.stream().filter(nodes::containsKey).toList().forEach(id -> {
            nodes.remove(id);
            edges.values().removeIf(e -> e.from().equals(id) || e.to().equals(id));
        });
    }

    /**
     * Bridges and veths/taps not wired, however indirectly, to a guest, a libvirt network, a host NIC or a
     * link that leads off the host (the outside box does not count: it joins every NIC) become one box when
     * there are many of them.
     */
    private void groupOtherLinks() {
        if (expanded.contains(OTHER_LINKS_ID)) {
            return;
        }
        Map<String, List<String>> neighbours = new HashMap<>();
        for (DiagramEdge e : edges.values()) {
            neighbours.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            neighbours.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        Set<String> reached = new HashSet<>();
        ArrayDeque<String> next = new ArrayDeque<>();
        Uplinks uplinks = Uplinks.of(snapshot);
        for (DiagramNode n : nodes.values()) {
            if (n.kind() != Kind.TAP && n.kind() != Kind.BRIDGE && n.kind() != Kind.OUTSIDE) {
                next.add(n.id());
                next.addAll(n.members()); // a guest's NIC ports, a group's guests and taps: the lines start there
            }
        }
        snapshot.links().stream().filter(uplinks::leadsOffHost).forEach(l -> next.add(new Id.Link(l.name()).text()));
        while (!next.isEmpty()) {
            String id = next.poll();
            if (reached.add(id) && !id.equals(new Id.Outside().text())) {
                neighbours.getOrDefault(id, List.of()).forEach(next::add);
            }
        }
        List<DiagramNode> others = nodes.values().stream().filter(n -> (n.kind() == Kind.TAP || n.kind() == Kind.BRIDGE)
                && !reached.contains(n.id())).toList();
        if (others.size() <= OTHER_LINKS_LIMIT) {
            return;
        }
        long bridges = others.stream().filter(n -> n.kind() == Kind.BRIDGE).count();
        List<String> members = others.stream().map(DiagramNode::id).toList();
        List<String> terms = others.stream().flatMap(n -> n.terms().stream()).toList();
        put(new DiagramNode(OTHER_LINKS_ID, Kind.GROUP, 2, String.format(t("group.links.title"), others.size()),
                List.of(String.format(t("group.links.details"), bridges, others.size() - bridges), t("group.open")),
                List.of(), List.of("other-links"), members, terms));
        Set<String> gone = Set.copyOf(members);
        nodes.keySet().removeAll(gone);
        edges.values().removeIf(e -> gone.contains(e.from()) || gone.contains(e.to()));
    }

    private void addGuest(Guest guest, GuestPaths paths) {
        String id = new Id.Guest(guest.name()).text();
        List<DiagramNode.NicPort> ports = new ArrayList<>();
        List<String> members = new ArrayList<>();
        List<String> terms = new ArrayList<>(List.of(guest.name().toLowerCase(Locale.ROOT)));
        for (GuestNic nic : guest.nics()) {
            String nicId = new Id.Nic(guest.name(), nic.mac()).text();
            members.add(nicId);
            List<String> ips = nic.addresses().stream().map(GuestAddress::ip).toList();
            terms.addAll(terms(nic.mac(), Optional.empty(), ips));
            String label = ips.isEmpty() ? t("nic.no-address") : ips.get(0).split("/")[0];
            List<String> style = new ArrayList<>();
            if (!nic.linkUp()) {
                style.add("down");
            }
            ports.add(new DiagramNode.NicPort(nicId, guest.name(), nic.mac(), label, style));
            paths.edges(guest, nic).forEach(e -> connect(e.from(), e.to(), e.style(), e.label().orElse(null)));
        }
        String state = guest.state().json();
        put(new DiagramNode(id, Kind.GUEST, 4, guest.name(), List.of(t("guest." + state)), ports,
                List.of("guest-" + state), members, terms));
    }

    private static List<String> terms(String name, Optional<String> mac, List<String> addresses) {
        List<String> terms = new ArrayList<>();
        terms.add(name.toLowerCase(Locale.ROOT));
        mac.ifPresent(m -> terms.add(m.toLowerCase(Locale.ROOT)));
        addresses.forEach(a -> terms.add(a.split("/")[0]));
        return terms;
    }

    private void put(DiagramNode node) {
        nodes.put(node.id(), node);
    }

    private void connect(String from, String to, Style style, String label) {
        DiagramEdge edge = new DiagramEdge(from, to, style, Optional.ofNullable(label));
        edges.putIfAbsent(edge.id(), edge);
    }

    private String t(String key) {
        return text.getString(key);
    }

    private boolean isGuestTap(String link) {
        return snapshot.guests().stream().flatMap(g -> g.nics().stream())
                .anyMatch(n -> n.target().filter(link::equals).isPresent());
    }
}
