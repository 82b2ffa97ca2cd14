package dev.virtwire.host.sim;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.model.json.SnapshotJsonReader;
import dev.virtwire.model.topology.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A host that lives in memory: the built-in demo host, and a stand-in wherever a real one is not needed.
 * It behaves like libvirt and the kernel where users would notice (a stopped network takes its bridge
 * away and does not re-plug taps when started again; a moved NIC gets a new address from its new network).
 */
public final class SimulatedHost implements Host {
    private static final String DEMO_SCENARIO = "demo-host.json";

    private final List<Consumer<HostChange>> listeners = new CopyOnWriteArrayList<>();
    /** Bridges of stopped networks, so that net-start brings back the same device. */
    private final Map<String, Link> stoppedBridges = new HashMap<>();
    private volatile HostSnapshot state;

    public SimulatedHost(HostSnapshot initial) {
        this.state = initial;
    }

    /** The built-in demo host, read from its scenario file. */
    public static SimulatedHost demo() {
        try (InputStream in = SimulatedHost.class.getResourceAsStream(DEMO_SCENARIO)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario " + DEMO_SCENARIO + " is missing from the build");
            }
            return new SimulatedHost(SnapshotJsonReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo scenario", e);
        }
    }

    @Override
    public HostSnapshot snapshot() {
        return state.withTakenAt(Instant.now());
    }

    @Override
    public AutoCloseable watch(Consumer<HostChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    @Override
    public synchronized void attachNic(String guestName, String mac, NicType type, String source, Scope scope) {
        Guest guest = guest(guestName);
        GuestNic nic = nic(guest, mac);
        Optional<String> bridge = switch (type) {
            case NETWORK -> {
                VirtualNetwork network = state.network(source).orElseThrow(() -> new HostException(
                        "there is no libvirt network named '" + source + "'"));
                if (guest.isRunning() && scope.live() && !network.active()) {
                    throw new HostException("network '" + source + "' is not active: start it first "
                            + "(virsh net-start " + source + ")");
                }
                yield network.bridge();
            }
            case BRIDGE -> {
                state.link(source).filter(l -> l.kind() == LinkKind.BRIDGE).orElseThrow(() -> new HostException(
                        "there is no Linux bridge named '" + source + "'"));
                yield Optional.of(source);
            }
            case DIRECT -> {
                state.link(source).orElseThrow(() -> new HostException("there is no host NIC named '" + source + "'"));
                yield Optional.empty();
            }
            default -> throw new HostException("Virtwire attaches NICs to networks, bridges and host NICs "
                    + "(macvtap); '" + type.json() + "' is not one of them");
        };
        GuestNic moved = nic.withSource(type, source);
        HostSnapshot next = state;
        if (guest.isRunning() && scope.live() && nic.target().isPresent()) {
            String tap = nic.target().get();
            next = next.updateLink(tap, l -> l.withMaster(bridge));
            moved = moved.withAddresses(new SimulatedDhcp(next).lease(moved));
        }
        GuestNic result = moved;
        next = next.updateGuest(guestName, g -> replaceNic(g, result));
        publish(next, List.of(Node.nicId(guestName, nic.mac())));
    }

    @Override
    public synchronized void setNicLink(String guestName, String mac, boolean up, Scope scope) {
        Guest guest = guest(guestName);
        GuestNic nic = nic(guest, mac).withLinkUp(up);
        publish(state.updateGuest(guestName, g -> replaceNic(g, nic)), List.of(Node.nicId(guestName, nic.mac())));
    }

    @Override
    public synchronized void setLinkUp(String link, boolean up) {
        requireLink(link);
        publish(state.updateLink(link, l -> l.withState(up ? LinkState.UP : LinkState.DOWN)),
                List.of(Node.linkId(link)));
    }

    @Override
    public synchronized void setLinkMaster(String link, Optional<String> master) {
        requireLink(link);
        master.ifPresent(m -> state.link(m).filter(l -> l.kind() == LinkKind.BRIDGE || l.kind() == LinkKind.BOND)
                .orElseThrow(() -> new HostException("there is no bridge or bond named '" + m + "'")));
        publish(state.updateLink(link, l -> l.withMaster(master)), List.of(Node.linkId(link)));
    }

    @Override
    public synchronized void setNetworkActive(String name, boolean active) {
        VirtualNetwork network = state.network(name).orElseThrow(() -> new HostException(
                "there is no libvirt network named '" + name + "'"));
        if (network.active() == active) {
            throw new HostException("network '" + name + "' is already " + (active ? "active" : "inactive"));
        }
        HostSnapshot next = state.updateNetwork(name, n -> n.withActive(active));
        Optional<String> bridge = network.mode().isDirect() ? Optional.empty() : network.bridge()
                .filter(b -> network.mode() != dev.virtwire.model.NetworkMode.BRIDGE);
        if (bridge.isPresent()) {
            next = active ? startBridge(next, bridge.get()) : stopBridge(next, bridge.get());
        }
        publish(next, List.of(Node.networkId(name)));
    }

    private HostSnapshot stopBridge(HostSnapshot s, String bridge) {
        s.link(bridge).ifPresent(l -> stoppedBridges.put(bridge, l));
        UnaryOperator<Link> unplug = l -> l.master().filter(bridge::equals).isPresent() ? l.withMaster(Optional.empty()) : l;
        return s.withLinks(s.links().stream().filter(l -> !l.name().equals(bridge)).map(unplug).toList());
    }

    private HostSnapshot startBridge(HostSnapshot s, String bridge) {
        Link link = Optional.ofNullable(stoppedBridges.remove(bridge))
                .orElseGet(() -> Link.of(bridge, LinkKind.BRIDGE, null, 1500, LinkState.UP, List.of()));
        return s.withLinks(concat(s.links(), link));
    }

    private static List<Link> concat(List<Link> links, Link link) {
        return java.util.stream.Stream.concat(links.stream(), java.util.stream.Stream.of(link)).toList();
    }

    private static Guest replaceNic(Guest guest, GuestNic nic) {
        return guest.withNics(guest.nics().stream().map(n -> n.mac().equals(nic.mac()) ? nic : n).toList());
    }

    private Guest guest(String name) {
        return state.guest(name).orElseThrow(() -> new HostException("there is no guest named '" + name + "'"));
    }

    private static GuestNic nic(Guest guest, String mac) {
        return guest.nic(mac).orElseThrow(() -> new HostException(
                "guest '" + guest.name() + "' has no NIC with MAC " + mac));
    }

    private void requireLink(String link) {
        state.link(link).orElseThrow(() -> new HostException("there is no link named '" + link + "'"));
    }

    private void publish(HostSnapshot next, List<String> touched) {
        state = next.withTakenAt(Instant.now());
        HostChange change = new HostChange(state, touched);
        listeners.forEach(l -> l.accept(change));
    }
}
