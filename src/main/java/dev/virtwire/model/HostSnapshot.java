package dev.virtwire.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything Virtwire knows about one host at one moment. Immutable: a change produces a new snapshot.
 *
 * @param saved what the host's network configuration managers have saved ({@link SavedConfig#unknown} when not
 *              read); running links are compared with it through {@link #config(Link)}
 * @param gaps what could not be read (a missing tool, a denied permission), so views can mark it
 *             instead of pretending the host has nothing there
 * @param routes  the IPv4 routes of the main table
 * @param routes6 the IPv6 routes of the main table ({@code ip -6 route}), apart so that "default" in
 *                {@code routes} keeps meaning the IPv4 default route
 * @param arp     the host's ARP cache (IPv4 address and MAC pairs), empty when not read: with the link table, the
 *                host-wide index ({@link RunningGuestIndex}) of what every running guest shows on the host, which
 *                a read of one guest compares it with
 */
public record HostSnapshot(HostInfo host, Instant takenAt, List<Link> links, List<Route> routes,
                           KernelSettings kernel, List<VirtualNetwork> networks, List<Guest> guests,
                           FirewallState firewall, SavedConfig saved, List<String> gaps, List<Route> routes6,
                           List<RunningGuestIndex.Neighbour> arp) {

    public HostSnapshot {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(saved, "saved");
        links = List.copyOf(links);
        routes = List.copyOf(routes);
        networks = List.copyOf(networks);
        guests = List.copyOf(guests);
        gaps = List.copyOf(gaps);
        routes6 = List.copyOf(routes6);
        arp = List.copyOf(arp);
    }

    /** A snapshot without the host's ARP cache (the demo host, a snapshot read back from JSON). */
    public HostSnapshot(HostInfo host, Instant takenAt, List<Link> links, List<Route> routes, KernelSettings kernel,
                        List<VirtualNetwork> networks, List<Guest> guests, FirewallState firewall, SavedConfig saved,
                        List<String> gaps, List<Route> routes6) {
        this(host, takenAt, links, routes, kernel, networks, guests, firewall, saved, gaps, routes6, List.of());
    }

    public Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<VirtualNetwork> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Guest> guest(String name) {
        return guests.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The network whose bridge is this one, if libvirt manages the bridge. */
    public Optional<VirtualNetwork> networkOnBridge(String bridge) {
        return networks.stream().filter(n -> n.bridge().filter(bridge::equals).isPresent()).findFirst();
    }

    /** The link that carries the host's default route. */
    public Optional<Link> defaultRouteLink() {
        return routes.stream().filter(Route::isDefault).flatMap(r -> r.device().stream()).findFirst()
                .flatMap(this::link);
    }

    public HostSnapshot withLinks(List<Link> newLinks) {
        return new HostSnapshot(host, takenAt, newLinks, routes, kernel, networks, guests, firewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withNetworks(List<VirtualNetwork> newNetworks) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, newNetworks, guests, firewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withGuests(List<Guest> newGuests) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, networks, newGuests, firewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withKernel(KernelSettings newKernel) {
        return new HostSnapshot(host, takenAt, links, routes, newKernel, networks, guests, firewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withRoutes(List<Route> newRoutes) {
        return new HostSnapshot(host, takenAt, links, newRoutes, kernel, networks, guests, firewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withRoutes6(List<Route> newRoutes6) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, networks, guests, firewall, saved, gaps,
                newRoutes6, arp);
    }

    public HostSnapshot withFirewall(FirewallState newFirewall) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, networks, guests, newFirewall, saved,
                gaps, routes6, arp);
    }

    public HostSnapshot withArp(List<RunningGuestIndex.Neighbour> newArp) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, networks, guests, firewall, saved, gaps,
                routes6, newArp);
    }

    public HostSnapshot withSaved(SavedConfig newSaved) {
        return new HostSnapshot(host, takenAt, links, routes, kernel, networks, guests, firewall, newSaved,
                gaps, routes6, arp);
    }

    /** Who owns the link and whether it runs as saved; empty when the saved configuration was not read. */
    public Optional<LinkConfig> config(Link link) {
        return saved.of(link);
    }

    public HostSnapshot withTakenAt(Instant when) {
        return new HostSnapshot(host, when, links, routes, kernel, networks, guests, firewall, saved,
                gaps, routes6, arp);
    }

    /** This snapshot with one link replaced; unknown names are an error, never a silent no-op. */
    public HostSnapshot updateLink(String name, UnaryOperator<Link> change) {
        link(name).orElseThrow(() -> new IllegalArgumentException("no link named '" + name + "'"));
        return withLinks(links.stream().map(l -> l.name().equals(name) ? change.apply(l) : l).toList());
    }

    public HostSnapshot updateNetwork(String name, UnaryOperator<VirtualNetwork> change) {
        network(name).orElseThrow(() -> new IllegalArgumentException("no libvirt network named '" + name + "'"));
        return withNetworks(networks.stream().map(n -> n.name().equals(name) ? change.apply(n) : n).toList());
    }

    public HostSnapshot updateGuest(String name, UnaryOperator<Guest> change) {
        guest(name).orElseThrow(() -> new IllegalArgumentException("no guest named '" + name + "'"));
        return withGuests(guests.stream().map(g -> g.name().equals(name) ? change.apply(g) : g).toList());
    }
}
