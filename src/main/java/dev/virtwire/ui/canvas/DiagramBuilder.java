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
import dev.virtwire.model.topology.EdgeKind;
import dev.virtwire.model.topology.Topology;
import dev.virtwire.model.topology.TopologyRows;
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
import java.util.stream.Stream;

/**
 * Turns a snapshot's {@link Topology} into boxes and lines a sysadmin reads at once: a libvirt network and the
 * bridge it creates are one box; a guest and its NICs are one card; a running NIC is drawn along its real path
 * (tap, bridge, uplink) and its configuration only where it disagrees with that path. Networks with many
 * guests show them as one group box unless the user expanded it; so do many links that no guest, network or
 * host NIC is wired to (a container host's bridges and veths). Every line is an edge of the topology, but for
 * the line from a NAT or routed network to the host's uplink, which says where its traffic leaves.
 */
public final class DiagramBuilder {
    /** More guests than this on one bridge or network are drawn as a group until expanded. */
    public static final int GROUP_LIMIT = 12;
    /** More bridges and veths/taps than this that nothing of the VMs' world reaches are drawn as one group. */
    public static final int OTHER_LINKS_LIMIT = 24;
    public static final BoxKey OTHER_LINKS = new BoxKey.OtherLinks();
    private static final BoxKey OUTSIDE = BoxKey.of(new Id.Outside());

    private final HostSnapshot snapshot;
    private final Topology topology;
    private final Uplinks uplinks;
    private final Set<BoxKey> expanded;
    private final ResourceBundle text;
    private final SavedMarks marks;
    private final Map<BoxKey, DiagramNode> nodes = new LinkedHashMap<>();
    private final Map<DiagramEdge.Ends, DiagramEdge> edges = new LinkedHashMap<>();
    /** link:virbr0 -> network:default for bridges that libvirt networks create. */
    private final Map<Id.Node, Id.Node> absorbed = new HashMap<>();

    private DiagramBuilder(HostSnapshot snapshot, Set<BoxKey> expanded, ResourceBundle text) {
        this.snapshot = snapshot;
        this.topology = Topology.of(snapshot);
        this.uplinks = Uplinks.of(snapshot);
        this.expanded = Set.copyOf(expanded);
        this.text = text;
        this.marks = new SavedMarks(snapshot, text);
    }

    /** @param expanded group boxes the user opened */
    public static Diagram build(HostSnapshot snapshot, Set<BoxKey> expanded, ResourceBundle text) {
        return new DiagramBuilder(snapshot, expanded, text).build();
    }

    private Diagram build() {
        snapshot.networks().stream().filter(TopologyRows::ownsBridge)
                .forEach(n -> absorbed.put(new Id.Link(n.bridge().orElseThrow()), new Id.Network(n.name())));
        addOutside();
        snapshot.links().forEach(this::addLink);
        addSavedNotRunning();
        snapshot.networks().forEach(this::addNetwork);
        addGuests();
        groupOtherLinks();
        Diagram all = new Diagram(List.copyOf(nodes.values()), List.copyOf(edges.values()));
        // a reference to something the host does not have (a missing bridge) is not drawn; the inspector tells
        return new Diagram(all.nodes(), all.edges().stream()
                .filter(e -> all.ownerOf(e.from()).isPresent() && all.ownerOf(e.to()).isPresent()).toList());
    }

    /** The node whose box shows this one: the network for a bridge it absorbed, else the node itself. */
    private Id.Node visible(Id.Node element) {
        return absorbed.getOrDefault(element, element);
    }

    /** Where the node's edges of these kinds lead, as the boxes that show them. */
    private List<BoxKey> shown(Id.Node from, EdgeKind kind) {
        return topology.targets(from, kind).stream().map(this::visible).map(BoxKey::of).toList();
    }

    private void addOutside() {
        List<String> details = snapshot.routes().stream().filter(Route::isDefault).findFirst()
                .flatMap(Route::gateway).map(gw -> List.of(t("outside.gateway") + " " + gw)).orElse(List.of());
        put(new DiagramNode(OUTSIDE, Kind.OUTSIDE, 0, t("outside.title"), details, List.of(), List.of(),
                List.of(), List.of("lan", "internet", "outside")));
    }

    private void addLink(Link link) {
        Id.Link element = new Id.Link(link.name());
        if (link.kind() == LinkKind.LOOPBACK || absorbed.containsKey(element)) {
            return;
        }
        BoxKey id = BoxKey.of(element);
        List<String> style = new ArrayList<>();
        if (!link.isUp()) {
            style.add("down");
        }
        List<String> terms = terms(link.name(), link.mac(), link.addresses());
        Optional<SavedMark> saved = marks.of(link);
        saved.ifPresent(m -> style.add(m.kind().style()));
        switch (TopologyRows.wayOut(link, topology, uplinks) ? LinkKind.PHYSICAL : link.kind()) {
            case TAP, MACVTAP, VETH -> {
                style.add(link.kind().json());
                put(new DiagramNode(id, Kind.TAP, 3, link.name(), List.of(), List.of(), style, List.of(), terms,
                        saved));
            }
            case BRIDGE -> put(new DiagramNode(id, Kind.BRIDGE, 2, link.name(),
                    withAddresses(t("bridge.linux"), link), List.of(), style, List.of(), terms, saved));
            default -> {
                boolean uplink = uplinks.carriesDefaultRoute(link);
                if (uplink) {
                    style.add("uplink");
                }
                put(new DiagramNode(id, Kind.HOST_NIC, 1, link.name(), nicDetails(link), List.of(), style,
                        List.of(), terms, saved));
                topology.target(element, EdgeKind.UPLINK).ifPresent(outside ->
                        connect(id, OUTSIDE, Style.WIRE, uplink ? t("edge.default-route") : null));
            }
        }
        // a guest's tap is drawn with its guest's wiring (GuestPaths)
        if (!topology.reachedBy(element, EdgeKind.TAP_OF_NIC)) {
            for (EdgeKind kind : List.of(EdgeKind.PORT_OF_BRIDGE, EdgeKind.PORT_OF_BOND, EdgeKind.VLAN_OVER,
                    EdgeKind.MACVTAP_OVER, EdgeKind.VETH_PEER)) {
                shown(element, kind).forEach(to -> connect(id, to, Style.WIRE, null));
            }
        }
    }

    /** What a manager starts at boot but does not run now, linked to where it would be a port, as configured. */
    private void addSavedNotRunning() {
        for (DiagramNode node : marks.savedNotRunning()) {
            put(node);
            SavedMarks.savedMaster(snapshot, node.title()).map(m -> BoxKey.of(visible(new Id.Link(m))))
                    .ifPresent(master -> connect(node.id(), master, Style.CONFIGURED, null));
        }
    }

    /** What the link is, with what a sysadmin checks first on a bond or VLAN: its mode, its tag, its slaves' state. */
    private String kindText(Link link) {
        String kind = t("link." + link.kind().json());
        if (link.vlanId().isPresent()) {
            kind += " " + link.vlanId().getAsInt() + link.vlanProtocol().filter(p -> !p.equals("802.1Q"))
                    .map(p -> " (" + p + ")").orElse("");
        }
        if (link.bond().isPresent()) {
            kind += " · " + link.bond().get().mode();
        }
        if (link.bondSlave().isPresent()) {
            kind += " · " + link.bondSlave().get().state().map(st -> st.toLowerCase(Locale.ROOT)).orElse(t("bond.slave"))
                    + (link.bondSlave().get().carrier() ? "" : " · " + t("bond.no-carrier"));
        }
        return kind;
    }

    /** A host NIC's kind line, then its addresses; a bond's active slave where no address takes the line. */
    private List<String> nicDetails(Link link) {
        List<String> lines = withAddresses(kindText(link), link);
        if (lines.size() == 1) {
            link.bond().flatMap(b -> b.activeSlave()).ifPresent(a -> lines.add(t("bond.active") + " " + a));
        }
        return lines;
    }

    private static List<String> withAddresses(String first, Link link) {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        // global IPv6 addresses beside the IPv4 ones; link-local ones (every link has one) only in the inspector
        List<String> all = new ArrayList<>(link.addresses());
        link.addresses6().stream().filter(a -> !a.startsWith("fe80:") && !a.equals("::1/128")).forEach(all::add);
        if (!all.isEmpty()) {
            lines.add(String.join(", ", all));
        }
        return lines;
    }

    private void addNetwork(VirtualNetwork network) {
        Id.Network element = new Id.Network(network.name());
        BoxKey id = BoxKey.of(element);
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
        network.ips6().stream().findFirst().ifPresent(ip -> details.add(ip.address()
                + (ip.hasDhcp() ? " · DHCPv6" : "")));
        List<Id.Node> members = new ArrayList<>();
        List<String> terms = new ArrayList<>(List.of(network.name().toLowerCase(Locale.ROOT)));
        network.ips().stream().map(NetworkIp::address).forEach(a -> terms.add(a.split("/")[0]));
        network.ips6().stream().map(NetworkIp::address).forEach(a -> terms.add(a.split("/")[0]));
        if (TopologyRows.ownsBridge(network)) {
            String bridge = network.bridge().orElseThrow();
            members.add(new Id.Link(bridge));
            terms.add(bridge.toLowerCase(Locale.ROOT));
            snapshot.link(bridge).flatMap(Link::mac).ifPresent(m -> terms.add(m.toLowerCase(Locale.ROOT)));
            // a port onto the LAN put on the network's own bridge by hand: whatever its mode says (isolated, NAT),
            // the network is bridged onto the LAN through it (its line to the port is drawn with the port)
            List<String> ontoLan = uplinks.portsOf(bridge).stream().map(Link::name).toList();
            if (!ontoLan.isEmpty()) {
                details.add(String.format(t("network.onto-lan"), String.join(", ", ontoLan)));
            }
            shown(element, EdgeKind.NETWORK_USES_DEVICE).forEach(d -> connect(id, d, Style.CONFIGURED,
                    t("edge.forward")));
            // NAT and routed networks leave through the host's default route: say so, it answers "how do I get out"
            TopologyRows.exitOf(snapshot, network).ifPresent(l -> connect(id, BoxKey.of(visible(new Id.Link(l.name()))),
                    Style.CONFIGURED, t("edge." + network.mode().json())));
        } else {
            shown(element, EdgeKind.NETWORK_USES_BRIDGE).forEach(b -> connect(id, b, Style.WIRE, null));
            shown(element, EdgeKind.NETWORK_USES_DEVICE).forEach(d -> connect(id, d, Style.WIRE, null));
        }
        put(new DiagramNode(id, Kind.NETWORK, 2, network.name(), details, List.of(), style, members, terms));
    }

    static String modeKey(VirtualNetwork network) {
        if (network.mode() == NetworkMode.BRIDGE && network.bridge().isEmpty()) {
            return "macvtap";
        }
        return network.mode().isDirect() ? "macvtap" : network.mode().json();
    }

    private void addGuests() {
        GuestPaths paths = new GuestPaths(topology, this::visible, t("edge.not-wired"));
        Map<Optional<Id.Node>, List<Guest>> byHome = new LinkedHashMap<>();
        for (Guest guest : snapshot.guests()) {
            byHome.computeIfAbsent(paths.home(guest), h -> new ArrayList<>()).add(guest);
        }
        byHome.forEach((home, guests) -> {
            BoxKey group = new BoxKey.Guests(home);
            if (guests.size() > GROUP_LIMIT && !expanded.contains(group)) {
                addGroup(group, home.map(BoxKey::of), guests, paths);
            } else {
                guests.forEach(g -> addGuest(g, paths));
            }
        });
    }

    private void addGroup(BoxKey groupId, Optional<BoxKey> homeBox, List<Guest> guests, GuestPaths paths) {
        List<Id.Node> members = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (Guest g : guests) {
            members.add(new Id.Guest(g.name()));
            terms.add(g.name().toLowerCase(Locale.ROOT));
            for (GuestNic nic : g.nics()) {
                Id.Nic nicId = new Id.Nic(g.name(), nic.mac());
                members.add(nicId);
                topology.target(nicId, EdgeKind.TAP_OF_NIC).ifPresent(members::add);
                terms.addAll(terms(nic.mac(), Optional.empty(), nic.addresses().stream().map(GuestAddress::ip).toList()));
            }
        }
        long running = guests.stream().filter(Guest::isRunning).count();
        String title = String.format(t("group.title"), guests.size());
        Optional<BoxKey> home = homeBox.filter(nodes::containsKey);
        String where = home.map(h -> nodes.get(h).title()).orElse(t("group.nowhere"));
        // a guest in trouble must not disappear into a group: the group says how many are miswired
        long miswired = guests.stream().filter(g -> g.nics().stream().flatMap(n -> paths.edges(g, n).stream())
                .anyMatch(e -> e.style() == Style.BROKEN)).count();
        List<String> details = new ArrayList<>(List.of(String.format(t("group.details"), where, running)));
        details.add(miswired > 0 ? String.format(t("group.miswired"), miswired) : t("group.open"));
        put(new DiagramNode(groupId, Kind.GROUP, 4, title, details, List.of(),
                miswired > 0 ? List.of("attention") : List.of(), members, terms));
        home.ifPresent(h -> connect(groupId, h, Style.WIRE, String.valueOf(guests.size())));
        Set<BoxKey> gone = new HashSet<>();
        members.stream().map(BoxKey::of).filter(nodes::containsKey).forEach(gone::add);
        nodes.keySet().removeAll(gone);
        edges.values().removeIf(e -> gone.contains(e.from()) || gone.contains(e.to()));
    }

    /**
     * Bridges and veths/taps not wired, however indirectly, to a guest, a libvirt network, a host NIC or a
     * link that leads off the host (the outside box does not count: it joins every NIC) become one box when
     * there are many of them.
     */
    private void groupOtherLinks() {
        if (expanded.contains(OTHER_LINKS)) {
            return;
        }
        Map<BoxKey, List<BoxKey>> neighbours = new HashMap<>();
        for (DiagramEdge e : edges.values()) {
            neighbours.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            neighbours.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        Set<BoxKey> reached = new HashSet<>();
        ArrayDeque<BoxKey> next = new ArrayDeque<>();
        for (DiagramNode n : nodes.values()) {
            if (n.kind() != Kind.TAP && n.kind() != Kind.BRIDGE && n.kind() != Kind.OUTSIDE) {
                next.add(n.id());
                // a guest's NIC ports, a group's guests and taps: the lines start there
                n.members().forEach(m -> next.add(BoxKey.of(m)));
            }
        }
        snapshot.links().stream().filter(uplinks::leadsOffHost).forEach(l -> next.add(BoxKey.of(new Id.Link(l.name()))));
        while (!next.isEmpty()) {
            BoxKey id = next.poll();
            if (reached.add(id) && !id.equals(OUTSIDE)) {
                neighbours.getOrDefault(id, List.of()).forEach(next::add);
            }
        }
        List<DiagramNode> others = nodes.values().stream().filter(n -> (n.kind() == Kind.TAP || n.kind() == Kind.BRIDGE)
                && !reached.contains(n.id())).toList();
        if (others.size() <= OTHER_LINKS_LIMIT) {
            return;
        }
        long bridges = others.stream().filter(n -> n.kind() == Kind.BRIDGE).count();
        List<BoxKey> keys = others.stream().map(DiagramNode::id).toList();
        // a tap or bridge box is a link's own: its key is the link
        List<Id.Node> members = keys.stream()
                .flatMap(k -> k instanceof BoxKey.Element e ? Stream.of(e.id()) : Stream.empty()).toList();
        List<String> terms = others.stream().flatMap(n -> n.terms().stream()).toList();
        put(new DiagramNode(OTHER_LINKS, Kind.GROUP, 2, String.format(t("group.links.title"), others.size()),
                List.of(String.format(t("group.links.details"), bridges, others.size() - bridges), t("group.open")),
                List.of(), List.of("other-links"), members, terms));
        Set<BoxKey> gone = Set.copyOf(keys);
        nodes.keySet().removeAll(gone);
        edges.values().removeIf(e -> gone.contains(e.from()) || gone.contains(e.to()));
    }

    private void addGuest(Guest guest, GuestPaths paths) {
        BoxKey id = BoxKey.of(new Id.Guest(guest.name()));
        List<DiagramNode.NicPort> ports = new ArrayList<>();
        List<Id.Node> members = new ArrayList<>();
        List<String> terms = new ArrayList<>(List.of(guest.name().toLowerCase(Locale.ROOT)));
        for (GuestNic nic : guest.nics()) {
            Id.Nic nicId = new Id.Nic(guest.name(), nic.mac());
            members.add(nicId);
            List<String> ips = nic.addresses().stream().map(GuestAddress::ip).toList();
            // link-local IPv6 addresses (every NIC has one) only in the inspector
            List<String> ips6 = nic.addresses6().stream().map(GuestAddress::ip)
                    .filter(a -> !a.toLowerCase(Locale.ROOT).startsWith("fe80:")).toList();
            terms.addAll(terms(nic.mac(), Optional.empty(), ips));
            ips6.forEach(a -> terms.add(a.split("/")[0].toLowerCase(Locale.ROOT)));
            String label = ips.isEmpty() && ips6.isEmpty() ? t("nic.no-address")
                    : (ips.isEmpty() ? ips6 : ips).get(0).split("/")[0];
            Optional<String> label6 = ips.isEmpty() ? Optional.empty()
                    : ips6.stream().findFirst().map(a -> a.split("/")[0]);
            List<String> style = new ArrayList<>();
            if (!nic.linkUp()) {
                style.add("down");
            }
            ports.add(new DiagramNode.NicPort(nicId, label, label6, style));
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

    private void connect(BoxKey from, BoxKey to, Style style, String label) {
        DiagramEdge edge = new DiagramEdge(from, to, style, Optional.ofNullable(label));
        edges.putIfAbsent(edge.ends(), edge);
    }

    private String t(String key) {
        return text.getString(key);
    }
}
