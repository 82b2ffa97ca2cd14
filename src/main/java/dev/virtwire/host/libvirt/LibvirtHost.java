package dev.virtwire.host.libvirt;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.host.kernel.KernelFacts;
import dev.virtwire.host.kernel.KernelReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.HostInfo;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.libvirt.LibvirtException;

/**
 * A real host: libvirt (local, remote, or the test driver) plus its kernel and firewall read at the address's
 * target. {@link #snapshot()} reads everything; watchers get changes from libvirt events and
 * {@code ip monitor}, for which only the parts concerned are read again.
 */
public final class LibvirtHost implements Host {
    /**
     * Reads run side by side. Commands (and the kernel/firewall reads that wait for them) get a thread each:
     * a dozen per snapshot. Guests are read by a few threads over the one libvirt connection; those tasks
     * never wait for other tasks, so neither pool can starve the other.
     */
    private static final ExecutorService COMMANDS = Executors.newCachedThreadPool(daemon("virtwire command"));
    private static final ExecutorService GUEST_READERS = Executors.newFixedThreadPool(4, daemon("virtwire guest read"));

    private final HostAddress address;
    private final LibvirtConnection connect;
    private final LibvirtReader libvirt;
    private final Supplier<KernelFacts> kernel;
    private final java.util.function.UnaryOperator<KernelFacts> kernelLinks;
    private final Supplier<FirewallReader.Reading> firewall;
    private final CommandRunner runner;
    private final GuestWriter guests;
    private final NetworkWriter networks;
    private final KernelChanges kernelChanges;
    private final List<String> eventGaps = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> watchers = new ArrayList<>();
    private HostParts parts;
    private HostInfo info;
    private Prefetch prefetch;
    private LiveUpdates live;

    private LibvirtHost(HostAddress address, LibvirtConnection connect, KernelSource kernel,
                        Supplier<FirewallReader.Reading> firewall, CommandRunner runner) {
        this.address = address;
        this.connect = connect;
        this.libvirt = new LibvirtReader(connect, GUEST_READERS);
        this.kernel = kernel.all();
        this.kernelLinks = kernel.links();
        this.firewall = firewall;
        this.runner = runner;
        this.guests = new GuestWriter(connect);
        this.networks = new NetworkWriter(connect);
        this.kernelChanges = new KernelChanges(runner, Privilege.current());
    }

    /** Connects to the address's libvirt URI; the kernel and firewall are read at its target. */
    public static LibvirtHost open(HostAddress address) {
        CommandRunner runner = new CommandRunner(address.target());
        KernelReader reader = new KernelReader(runner, COMMANDS);
        return open(address, new KernelSource(reader::read, reader::readLinks),
                new FirewallReader(runner, COMMANDS)::read, runner);
    }

    /** How the kernel is read: all of it, or only its links again. */
    record KernelSource(Supplier<KernelFacts> all, java.util.function.UnaryOperator<KernelFacts> links) {
        /** A kernel that does not change (recorded outputs). */
        static KernelSource fixed(KernelFacts facts) {
            return new KernelSource(() -> facts, previous -> facts);
        }
    }

    /** As {@link #open(HostAddress)}, with the kernel and firewall read from elsewhere (recorded outputs). */
    static LibvirtHost open(HostAddress address, KernelSource kernel,
                            Supplier<FirewallReader.Reading> firewall, CommandRunner runner) {
        if (address.isDemo()) {
            throw new IllegalArgumentException("the demo host is not a libvirt host: open it with Hosts.open");
        }
        // the kernel and firewall commands start now, while libvirt's library loads and connects: a first
        // snapshot right after opening (the CLI, the window) finds them done
        var early = new Prefetch(CompletableFuture.supplyAsync(kernel.all(), COMMANDS),
                CompletableFuture.supplyAsync(firewall, COMMANDS), System.nanoTime());
        try {
            EventLoop.ensureRunning();
            LibvirtHost host = new LibvirtHost(address, new LibvirtConnection(address.uri()), kernel, firewall, runner);
            host.prefetch = early;
            return host;
        } catch (LinkageError e) {
            throw LibvirtErrors.missingLibrary(e);
        } catch (LibvirtException e) {
            throw LibvirtErrors.connect(address.uri(), e);
        }
    }

    /** Kernel and firewall reads started when the host was opened; used by a snapshot soon after, once. */
    private record Prefetch(CompletableFuture<KernelFacts> kernel, CompletableFuture<FirewallReader.Reading> firewall,
                            long startedNanos) {
        static final long FRESH_NANOS = 1_000_000_000L;

        boolean fresh() {
            return System.nanoTime() - startedNanos < FRESH_NANOS;
        }
    }

    @Override
    public synchronized HostSnapshot snapshot() {
        // the kernel and firewall commands run while libvirt answers
        Prefetch early = prefetch;
        prefetch = null;
        boolean useEarly = early != null && early.fresh();
        var kernelRead = useEarly ? early.kernel() : CompletableFuture.supplyAsync(kernel, COMMANDS);
        var firewallRead = useEarly ? early.firewall() : CompletableFuture.supplyAsync(firewall, COMMANDS);
        var networksRead = CompletableFuture.supplyAsync(this::networks, COMMANDS);
        try {
            if (info == null) {
                // the host's name and libvirt version do not change while it is open
                info = new HostInfo(libvirt.hostName(), address.uri(), Optional.of(libvirt.version()));
            }
            var guestReads = libvirt.guests();
            parts = new HostParts(info, networksRead.join(), guestReads, kernelRead.join(), firewallRead.join());
        } catch (LibvirtException e) {
            throw LibvirtErrors.call("reading " + address.describe(), e);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof HostException h ? h : e;
        }
        return compose();
    }

    private NetworksRead networks() {
        try {
            return libvirt.networks();
        } catch (LibvirtException e) {
            throw LibvirtErrors.call("reading the networks of " + address.describe(), e);
        }
    }

    private HostSnapshot compose() {
        List<String> hostGaps = new ArrayList<>(libvirt.driverGaps());
        hostGaps.addAll(eventGaps);
        return parts.compose(hostGaps);
    }

    /** Reads again only what the signals name (everything when unsure). */
    private synchronized HostSnapshot refresh(LiveUpdates.Pending what) {
        if (what.everything() || parts == null) {
            return snapshot();
        }
        KernelFacts previous = parts.kernel();
        var kernelRead = what.kernel() ? CompletableFuture.supplyAsync(kernel, COMMANDS)
                : what.links().isEmpty() ? null : CompletableFuture.supplyAsync(() -> kernelLinks.apply(previous),
                COMMANDS);
        var firewallRead = what.networks() ? CompletableFuture.supplyAsync(firewall, COMMANDS) : null;
        if (what.networks()) {
            parts = parts.withNetworks(networks());
        }
        // a tap that changed bridge may mean its guest was changed (virsh update-device): read it again
        Set<String> names = new LinkedHashSet<>(what.guests());
        names.addAll(parts.guestsUsing(what.links()));
        for (String name : names) {
            parts = parts.withGuest(libvirt.guest(name));
        }
        if (kernelRead != null) {
            parts = parts.withKernel(kernelRead.join());
        }
        if (firewallRead != null) {
            parts = parts.withFirewall(firewallRead.join());
        }
        return compose();
    }

    @Override
    public synchronized AutoCloseable watch(Consumer<HostChange> listener) {
        if (live == null) {
            live = new LiveUpdates(this::refresh, snapshot());
            watchers.addAll(ChangeSources.start(connect, runner, live, eventGaps));
        }
        return live.add(listener);
    }

    /** Asks for a re-read after Virtwire's own change, when someone is watching. */
    private void changed() {
        LiveUpdates updates;
        synchronized (this) {
            prefetch = null; // read before the change: a snapshot now must not use it
            updates = live;
        }
        if (updates != null) {
            updates.everythingChanged();
        }
    }

    @Override
    public void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
        guests.attachNic(guest, mac, type, source, scope);
        changed();
    }

    @Override
    public void setNicLink(String guest, String mac, boolean up, Scope scope) {
        guests.setNicLink(guest, mac, up, scope);
        changed();
    }

    @Override
    public void setLinkUp(String link, boolean up) {
        kernelChanges.setUp(link, up);
        changed();
    }

    @Override
    public void setLinkMaster(String link, Optional<String> master) {
        kernelChanges.setMaster(link, master);
        changed();
    }

    @Override
    public void setNetworkActive(String network, boolean active) {
        guests.setNetworkActive(network, active);
        changed();
    }

    @Override
    public void setIpForward(boolean on) {
        kernelChanges.setIpForward(on);
        changed();
    }

    @Override
    public void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
        kernelChanges.createBridge(name, settings, mac);
        changed();
    }

    @Override
    public void deleteBridge(String name) {
        kernelChanges.deleteBridge(name);
        changed();
    }

    @Override
    public void setLinkMtu(String link, int mtu) {
        kernelChanges.setMtu(link, mtu);
        changed();
    }

    @Override
    public void setLinkMac(String link, String mac) {
        kernelChanges.setMac(link, mac);
        changed();
    }

    @Override
    public void setAddress(String link, String cidr, boolean present) {
        setAddress(link, cidr, present, Optional.empty());
    }

    @Override
    public void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric) {
        kernelChanges.setAddress(link, cidr, present, prefixRouteMetric);
        changed();
    }

    @Override
    public void setRoute(Route route, boolean present) {
        kernelChanges.setRoute(route, present);
        changed();
    }

    @Override
    public void defineNetwork(VirtualNetwork definition) {
        defineNetwork(definition, Optional.empty());
    }

    @Override
    public void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac) {
        networks.define(definition, bridgeMac);
        changed();
    }

    @Override
    public void undefineNetwork(String network) {
        networks.undefine(network);
        changed();
    }

    @Override
    public void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
        networks.setDhcpHost(network, host, present, scope);
        changed();
    }

    /** The firewall backend and the guest's bridge come from a fresh read: rules must match what is there. */
    @Override
    public void setPortForward(PortForward forward, boolean present) {
        HostSnapshot now = snapshot();
        String bridge = PortForwardRules.bridgeFor(now, forward.guestIp()).orElseThrow(() -> new HostException(
                forward.guestIp() + " is in no active libvirt network's subnet"));
        kernelChanges.setPortForward(now.firewall().backend(), forward, bridge, present);
        changed();
    }

    @Override
    public void armRevert(String id, List<String> ipBatch, Duration delay) {
        kernelChanges.armRevert(id, ipBatch, delay);
    }

    @Override
    public boolean disarmRevert(String id) {
        return kernelChanges.disarmRevert(id);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable w : watchers) {
            try {
                w.close();
            } catch (Exception e) {
                // closing is best effort: the connection goes next anyway
            }
        }
        watchers.clear();
        if (live != null) {
            live.close();
            live = null;
        }
        try {
            connect.close();
        } catch (LibvirtException e) {
            // already gone
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
