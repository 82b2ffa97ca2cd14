package dev.virtwire.host.sim;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.RevertWatchdog;
import dev.virtwire.host.Scope;
import dev.virtwire.host.Sysctl;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.model.json.SnapshotJsonReader;
import dev.virtwire.model.topology.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A host that lives in memory: the built-in demo host, and a stand-in wherever a real one is not needed.
 * It behaves like libvirt and the kernel where users would notice (a stopped network takes its bridge
 * away and does not re-plug taps when started again; a moved NIC gets a new address from its new network).
 */
public final class SimulatedHost implements Host, GuestNics, LibvirtNetworks, KernelLinks, Sysctl,
        RevertWatchdog {
    private static final String DEMO_SCENARIO = "demo-host.json";

    private final List<Consumer<HostChange>> listeners = new CopyOnWriteArrayList<>();
    private final SimulatedNetworkLifecycle networks = new SimulatedNetworkLifecycle();
    /** Addresses a NIC had on each network or bridge: dnsmasq and LAN routers hand the same one out again. */
    private final Map<String, List<GuestAddress>> leaseMemory = new HashMap<>();
    private final SimulatedWatchdog watchdog = new SimulatedWatchdog(this);
    private final SimulatedHostFirewall firewall = new SimulatedHostFirewall(this);
    private volatile HostSnapshot state;
    private final SimulatedSysctlConf sysctlConf = new SimulatedSysctlConf();

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

    // one in-memory state behind every part: each part is this host
    @Override
    public GuestNics guests() {
        return this;
    }

    @Override
    public LibvirtNetworks virtualNetworks() {
        return this;
    }

    @Override
    public KernelLinks kernel() {
        return this;
    }

    @Override
    public HostFirewall firewall() {
        return firewall;
    }

    @Override
    public Sysctl sysctl() {
        return this;
    }

    @Override
    public RevertWatchdog watchdog() {
        return this;
    }

    @Override
    public dev.virtwire.host.SavedNetworkConfig savedConfig() {
        return new NoSavedConfig();
    }

    @Override
    public HostSnapshot snapshot() {
        return state.withTakenAt(Instant.now());
    }

    /**
     * Takes only the named parts from the current state, like a real host's partial read: a change layer that
     * forgot a subject sees the old state here, and the tests notice.
     */
    @Override
    public HostSnapshot refresh(HostSnapshot base, ReadScope scope) {
        return scope.splice(base, snapshot());
    }

    @Override
    public AutoCloseable watch(Consumer<HostChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
        watchdog.close();
    }

    @Override
    public synchronized void attachNic(String guestName, String mac, NicType type, String source, Scope scope) {
        Guest guest = guest(guestName);
        GuestNic nic = nic(guest, mac);
        // what libvirt itself refuses: a live change needs what it plugs into to exist (a stored configuration
        // may name anything); to or from macvtap the real host unplugs the NIC and plugs it in again
        boolean live = guest.isRunning() && scope.live();
        Optional<String> bridge = switch (type) {
            case NETWORK -> {
                Optional<VirtualNetwork> network = state.network(source);
                if (live && network.isEmpty()) {
                    throw new HostException("Network not found: no network with matching name '" + source + "'");
                }
                if (live && !network.get().active()) {
                    throw new HostException("network '" + source + "' is not active: start it first "
                            + "(virsh net-start " + source + ")");
                }
                yield network.flatMap(VirtualNetwork::bridge);
            }
            case BRIDGE -> {
                if (live && state.link(source).filter(l -> l.kind() == LinkKind.BRIDGE).isEmpty()) {
                    throw new HostException("Unable to add bridge " + source + " port: there is no Linux bridge "
                            + "named '" + source + "'");
                }
                yield Optional.of(source);
            }
            case DIRECT -> Optional.empty();
            // the simulation keeps only these three kinds of wiring
            default -> throw new HostException("the demo host attaches NICs to networks, bridges and host NICs "
                    + "(macvtap); '" + type.json() + "' is not one of them");
        };
        GuestNic moved = nic.withSource(type, source);
        if (type == NicType.DIRECT && moved.directMode().isEmpty()) {
            // the real host plugs a NIC into macvtap in mode bridge (LibvirtXml.nicSource)
            moved = new GuestNic(moved.mac(), moved.model(), type, moved.source(), Optional.of("bridge"),
                    moved.target(), moved.linkUp(), moved.vlans(), moved.addresses());
        }
        HostSnapshot next = state;
        if (live && nic.target().isPresent()) {
            String tap = nic.target().get();
            next = next.updateLink(tap, l -> l.withMaster(bridge));
            leaseMemory.put(leaseKey(nic), nic.addresses());
            List<GuestAddress> remembered = leaseMemory.get(leaseKey(moved));
            moved = moved.withAddresses(remembered != null ? remembered : new SimulatedDhcp(next).lease(moved));
        }
        GuestNic result = moved;
        next = next.updateGuest(guestName, g -> replaceNic(g, result));
        publish(next, List.of(new Id.Nic(guestName, nic.mac())));
    }

    @Override
    public synchronized void setNicLink(String guestName, String mac, boolean up, Scope scope) {
        Guest guest = guest(guestName);
        GuestNic nic = nic(guest, mac).withLinkUp(up);
        publish(state.updateGuest(guestName, g -> replaceNic(g, nic)), List.of(new Id.Nic(guestName, nic.mac())));
    }

    /** As libvirt: a new MAC taken by another NIC of the guest is refused; the NIC keeps its place in the list. */
    @Override
    public synchronized void setNicMac(String guestName, String mac, String newMac, Scope scope) {
        Guest guest = guest(guestName);
        GuestNic old = nic(guest, mac);
        if (guest.nic(newMac).isPresent()) {
            throw new HostException("guest '" + guestName + "' has a NIC with MAC " + newMac + " already");
        }
        GuestNic renamed = new GuestNic(newMac, old.model(), old.type(), old.source(), old.directMode(), old.target(),
                old.linkUp(), old.vlans(), List.of(), List.of());
        publish(state.updateGuest(guestName, g -> g.withNics(g.nics().stream().map(n -> n == old ? renamed : n)
                .toList())), List.of(new Id.Nic(guestName, old.mac()), new Id.Nic(guestName, renamed.mac())));
    }

    @Override
    public synchronized void setLinkUp(String link, boolean up) {
        requireLink(link);
        publish(SimulatedKernel.setUp(state, link, up), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setLinkMaster(String link, Optional<String> master) {
        requireLink(link);
        master.ifPresent(m -> state.link(m).filter(l -> l.kind() == LinkKind.BRIDGE || l.kind() == LinkKind.BOND)
                .orElseThrow(() -> new HostException("there is no bridge or bond named '" + m + "'")));
        HostSnapshot next = state.updateLink(link, l -> l.withMaster(master));
        publish(master.map(m -> new SimulatedDhcp(next).leaseWaitingOn(m)).orElse(next), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setNetworkActive(String name, boolean active) {
        publish(networks.setActive(state, name, active), List.of(new Id.Network(name)));
    }

    @Override
    public synchronized void setIpForward(boolean on) {
        publish(state.withKernel(state.kernel().withIpForward(on)), List.of());
    }

    @Override
    public synchronized void setLinkForwarding(String link, boolean on) {
        state.link(link).orElseThrow(() -> new HostException("cannot set the IPv4 forwarding of "
                + link + ": there is no such link"));
        publish(state.withKernel(state.kernel().withLinkForwarding(link, on)), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setIpv6Conf(String link, String key, int value) {
        if (!link.equals("all")) {
            state.link(link).orElseThrow(() -> new HostException("cannot set " + SysctlConf.ipv6Key(link, key)
                    + ": there is no such link"));
        }
        publish(state.withKernel(state.kernel().withIpv6Conf(link, key, value)), List.of());
    }

    @Override
    public Optional<String> savedFile() {
        return sysctlConf.content();
    }

    @Override
    public void saveFile(Optional<String> expected, Optional<String> content) {
        sysctlConf.save(expected, content);
    }

    @Override
    public synchronized void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
        HostSnapshot next = SimulatedKernel.createBridge(state, name, mac)
                .updateLink(name, l -> l.withBridge(java.util.Optional.of(settings)));
        publish(next, List.of(new Id.Link(name)));
    }

    @Override
    public synchronized void deleteBridge(String name) {
        state.networks().stream().filter(n -> n.active() && n.bridge().filter(name::equals).isPresent()).findFirst()
                .ifPresent(n -> {
                    throw new HostException("bridge '" + name + "' belongs to the active libvirt network '"
                            + n.name() + "': stop or delete the network instead");
                });
        HostSnapshot next = SimulatedKernel.deleteBridge(state, name);
        publish(next, List.of(new Id.Link(name)));
    }

    @Override
    public synchronized void createVlan(String name, String parent, int id) {
        publish(SimulatedKernel.createVlan(state, name, parent, id), List.of(new Id.Link(name)));
    }

    @Override
    public synchronized void deleteVlan(String name) {
        publish(SimulatedKernel.deleteVlan(state, name), List.of(new Id.Link(name)));
    }

    @Override
    public synchronized void setLinkMtu(String link, int mtu) {
        publish(SimulatedKernel.setMtu(state, link, mtu), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setLinkMac(String link, String mac) {
        publish(SimulatedKernel.setMac(state, link, mac), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric) {
        publish(SimulatedKernel.setAddress(state, link, cidr, present, prefixRouteMetric), List.of(new Id.Link(link)));
    }

    @Override
    public synchronized void setRoute(Route route, boolean present) {
        publish(SimulatedKernel.setRoute(state, route, present), route.device().<Id.Node>map(Id.Link::new).stream().toList());
    }

    @Override
    public synchronized void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac) {
        networks.define(state, definition, bridgeMac)
                .ifPresent(next -> publish(next, List.of(new Id.Network(definition.name()))));
    }

    @Override
    public synchronized void undefineNetwork(String network) {
        publish(networks.undefine(state, network), List.of(new Id.Network(network)));
    }

    @Override
    public synchronized void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
        publish(SimulatedNetworks.setDhcpHost(state, network, host, present, scope),
                List.of(new Id.Network(network)));
    }

    @Override
    public void armRevert(String id, List<String> ipBatch, Duration delay) {
        watchdog.arm(id, ipBatch, delay);
    }

    @Override
    public boolean disarmRevert(String id) {
        return watchdog.disarm(id);
    }

    @Override
    public boolean revertRan(String id) {
        return watchdog.ran(id);
    }

    /** The revert watchdogs armed now. */
    SimulatedWatchdog reverts() {
        return watchdog;
    }

    private static String leaseKey(GuestNic nic) {
        return nic.mac() + "@" + nic.type().json() + ":" + nic.source().orElse("");
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

    /** One step on the state, told to the watchers as a change with no node of its own (the firewall's). */
    synchronized void change(UnaryOperator<HostSnapshot> step) {
        publish(step.apply(state), List.of());
    }

    private void publish(HostSnapshot next, List<Id.Node> touched) {
        state = next.withTakenAt(Instant.now());
        HostChange change = new HostChange(state, touched);
        listeners.forEach(l -> l.accept(change));
    }
}
