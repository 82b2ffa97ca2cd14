package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Starting, stopping and redefining the simulated host's libvirt networks, with what libvirt keeps between
 * them: a stopped network takes its bridge (and the routes through it) away and does not re-plug taps when
 * started again; a definition changed while the network runs takes effect at its next start. Not
 * thread-safe: {@link SimulatedHost} calls it under its own lock.
 */
final class SimulatedNetworkLifecycle {
    /** Bridges of stopped networks, so that net-start brings back the same device. */
    private final Map<String, Link> stoppedBridges = new HashMap<>();
    /** Routes through the bridges of stopped networks: the kernel drops them with the device. */
    private final Map<String, List<Route>> stoppedRoutes = new HashMap<>();
    /** Definitions of active networks that take effect at their next start (libvirt's net-define rule). */
    private final Map<String, VirtualNetwork> pendingDefinitions = new HashMap<>();
    /**
     * Leases of stopped networks: Virtwire reads a running network's only, and dnsmasq reads its lease file again
     * when the network starts.
     */
    private final Map<String, List<DhcpLease>> stoppedLeases = new HashMap<>();
    /** The MAC a network's bridge gets when the network first starts, if its definition names one. */
    private final Map<String, String> newBridgeMacs = new HashMap<>();

    /** The host with the network started or stopped. */
    HostSnapshot setActive(HostSnapshot state, String name, boolean active) {
        VirtualNetwork current = state.network(name).orElseThrow(() -> new HostException(
                "there is no libvirt network named '" + name + "'"));
        if (current.active() == active) {
            throw new HostException("network '" + name + "' is already " + (active ? "active" : "inactive"));
        }
        VirtualNetwork network = active && pendingDefinitions.containsKey(name) ? pendingDefinitions.remove(name)
                : current;
        if (!active) {
            stoppedLeases.put(name, current.leases());
        }
        List<DhcpLease> leases = active ? Optional.ofNullable(stoppedLeases.remove(name)).orElse(List.of())
                : List.of();
        HostSnapshot next = state.updateNetwork(name, n -> network.withActive(active).withLeases(leases));
        Optional<String> bridge = network.mode().isDirect() ? Optional.empty() : network.bridge()
                .filter(b -> network.mode() != dev.virtwire.model.NetworkMode.BRIDGE);
        if (bridge.isPresent()) {
            next = active ? startBridge(next, network) : stopBridge(next, bridge.get());
        }
        return next;
    }

    private HostSnapshot stopBridge(HostSnapshot s, String bridge) {
        s.link(bridge).ifPresent(l -> stoppedBridges.put(bridge, l));
        stoppedRoutes.put(bridge, s.routes().stream().filter(r -> r.device().filter(bridge::equals).isPresent())
                .toList());
        UnaryOperator<Link> unplug = l -> l.master().filter(bridge::equals).isPresent() ? l.withMaster(Optional.empty()) : l;
        return s.withLinks(s.links().stream().filter(l -> !l.name().equals(bridge)).map(unplug).toList())
                .withRoutes(s.routes().stream().filter(r -> !r.device().filter(bridge::equals).isPresent()).toList());
    }

    /** The network's bridge comes back as it was, or (first start) with the network's addresses and routes. */
    private HostSnapshot startBridge(HostSnapshot s, VirtualNetwork network) {
        String bridge = network.bridge().orElseThrow();
        if (s.link(bridge).isPresent()) {
            throw new HostException("cannot start network '" + network.name() + "': a link named '" + bridge
                    + "' already exists");
        }
        List<String> addresses = network.ips().stream().map(i -> dev.virtwire.model.Ipv4.parse(i.address()).toString())
                .toList();
        Link link = Optional.ofNullable(stoppedBridges.remove(bridge))
                .orElseGet(() -> Link.of(bridge, LinkKind.BRIDGE, newBridgeMacs.get(bridge), 1500, LinkState.UP,
                        List.of()))
                .withAddresses(addresses);
        List<Route> routes = Optional.ofNullable(stoppedRoutes.remove(bridge)).orElseGet(() -> addresses.stream()
                .map(a -> new Route(dev.virtwire.model.Ipv4.parse(a).network().toString(), Optional.empty(),
                        Optional.of(bridge), java.util.OptionalInt.empty())).toList());
        return s.withLinks(concat(s.links(), link))
                .withRoutes(java.util.stream.Stream.concat(s.routes().stream(), routes.stream()).toList());
    }

    private static List<Link> concat(List<Link> links, Link link) {
        return java.util.stream.Stream.concat(links.stream(), java.util.stream.Stream.of(link)).toList();
    }

    /**
     * The host with the definition stored; empty when the network runs, where it waits for the next start
     * and nothing visible changes now.
     */
    Optional<HostSnapshot> define(HostSnapshot state, VirtualNetwork definition, Optional<String> bridgeMac) {
        definition.bridge().ifPresent(b -> bridgeMac.ifPresent(m -> newBridgeMacs.put(b, m)));
        Optional<VirtualNetwork> existing = state.network(definition.name());
        if (existing.isEmpty()) {
            return Optional.of(SimulatedNetworks.add(state, SimulatedNetworks.completeNew(state, definition)));
        }
        VirtualNetwork stored = new VirtualNetwork(definition.name(), existing.get().uuid(), existing.get().active(),
                definition.autostart(), definition.mode(), definition.bridge(), definition.devices(), definition.ips(),
                definition.mtu(), definition.bandwidth(), definition.portgroups(), definition.ips6());
        if (existing.get().active()) {
            pendingDefinitions.put(definition.name(), stored);
            return Optional.empty();
        }
        pendingDefinitions.remove(definition.name());
        return Optional.of(state.updateNetwork(definition.name(), n -> stored));
    }

    /** The host without the network, whose pending definition goes with it. */
    HostSnapshot undefine(HostSnapshot state, String network) {
        HostSnapshot next = SimulatedNetworks.undefine(state, network);
        pendingDefinitions.remove(network);
        return next;
    }
}
