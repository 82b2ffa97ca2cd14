package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.ReadThreads.COMMANDS;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.RevertWatchdog;
import dev.virtwire.host.Sysctl;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.host.kernel.KernelFacts;
import dev.virtwire.host.kernel.LinksOnPath;
import dev.virtwire.host.libvirt.RecentReads.LastRead;
import dev.virtwire.host.libvirt.RecentReads.Prefetch;
import dev.virtwire.host.netconf.SavedConfigReader;
import dev.virtwire.host.netconf.SavedConfigWrites;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostInfo;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.RunningGuestIndex;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.libvirt.LibvirtException;

/**
 * A real host: libvirt (local, remote, or the test driver) plus its kernel and firewall read at the address's
 * target. {@link #snapshot()} reads everything; {@link #refresh(HostSnapshot, ReadScope)} only the objects a change is
 * about; watchers get changes from libvirt events and {@code ip monitor}, for which only the parts concerned are
 * read again.
 */
public final class LibvirtHost implements Host {
    private final HostAddress address;
    private final HostConnection connection;
    private final KernelSource kernel;
    private final Supplier<FirewallReader.Reading> firewall;
    private final CommandRunner runner;
    private final KernelChanges kernelChanges;
    private HostParts parts;
    private HostInfo info;
    private Prefetch prefetch;
    /** The last full read, while nothing was read or changed after it: a watcher starting now can begin from it. */
    private LastRead lastRead;
    private LiveUpdates live;
    private final LibvirtHostWrites writes;
    private final SavedConfigWrites savedWrites;
    /** The managers' saved configuration, read with everything (after the links, which networkd's files match). */
    private final Function<List<Link>, SavedConfigReader.Reading> savedConfig;
    private SavedConfigReader.Reading saved = SavedConfigReader.Reading.notRead();

    /** An open host: see {@link LibvirtHostOpening} for how one is opened. */
    LibvirtHost(HostAddress address, LibvirtSession.Opener opener, LibvirtSession session, KernelSource kernel,
                Supplier<FirewallReader.Reading> firewall, CommandRunner runner,
                Function<List<Link>, SavedConfigReader.Reading> savedConfig, Prefetch prefetch) {
        this.address = address;
        this.savedConfig = savedConfig;
        this.prefetch = prefetch;
        this.connection = new HostConnection(address, opener, session);
        this.kernel = kernel;
        this.firewall = firewall;
        this.runner = runner;
        this.kernelChanges = new KernelChanges(runner, Privilege.current());
        this.writes = new LibvirtHostWrites(this::session, kernelChanges, this::snapshot, this::changed);
        this.savedWrites = new SavedConfigWrites(runner, Privilege.current());
    }

    /** The current libvirt connection (a new one after libvirtd restarted). */
    LibvirtSession session() {
        return connection.session();
    }

    @Override
    public GuestNics guests() {
        return writes.guests;
    }

    @Override
    public LibvirtNetworks virtualNetworks() {
        return writes.networks;
    }

    @Override
    public KernelLinks kernel() {
        return writes.kernel;
    }

    @Override
    public HostFirewall firewall() {
        return writes.firewall;
    }

    @Override
    public Sysctl sysctl() {
        return writes.sysctl;
    }

    @Override
    public RevertWatchdog watchdog() {
        return writes.watchdog;
    }

    @Override
    public SavedNetworkConfig savedConfig() {
        return savedWrites;
    }

    @Override
    public boolean changesSavedConfig() {
        return true;
    }

    @Override
    public Optional<ConfigFile> networkManagerKeyfile(String profile) {
        return savedWrites.keyfile(profile);
    }

    @Override
    public Optional<ConfigFile> savedFile(String path) {
        return savedWrites.file(path);
    }

    @Override
    public boolean writesLibvirtsFiles() {
        return !(runner.target() instanceof dev.virtwire.host.exec.Target.Netns);
    }

    @Override
    public boolean savedDirectoryExists(String path) {
        return savedWrites.exists(path);
    }

    @Override
    public Optional<String> firewalldPermanent(List<List<String>> listing) {
        return Optional.of(savedWrites.listed(listing));
    }

    @Override
    public synchronized HostSnapshot snapshot() {
        reconnectIfLost();
        HostSnapshot read;
        try {
            read = read();
        } catch (HostException e) {
            if (connection.alive()) {
                throw e;
            }
            // the daemon went away during this read: once more, over a new connection
            reconnectIfLost();
            read = read();
        }
        lastRead = new LastRead(read, System.nanoTime());
        return read;
    }

    /**
     * The named guests instead of every guest; the networks, kernel, firewall and saved configuration as a full
     * read has them. While watched the host keeps whole parts (live updates splice into them): a full read then.
     */
    @Override
    public synchronized HostSnapshot snapshotOfGuests(Set<String> guests) {
        if (live != null) {
            return snapshot();
        }
        reconnectIfLost();
        HostSnapshot read;
        try {
            read = read(Optional.of(guests));
        } catch (HostException e) {
            if (connection.alive()) {
                throw e;
            }
            reconnectIfLost();
            read = read(Optional.of(guests));
        }
        lastRead = null; // not a read a watcher may begin from
        HostSnapshot partial = read;
        boolean allThere = guests.stream().allMatch(g -> partial.guest(g).isPresent());
        return allThere && !mayShareWithOthers(partial) ? partial : snapshot();
    }

    /**
     * Whether the host-wide index (the link table, ARP cache and leases just read) shows another running guest that may
     * share a MAC or an address with the guests read: then every guest is read, so that a diagnosis names it.
     */
    private boolean mayShareWithOthers(HostSnapshot partial) {
        RunningGuestIndex index = RunningGuestIndex.of(partial);
        return partial.guests().stream().anyMatch(g -> !index.clashes(g).isEmpty());
    }

    private HostSnapshot read() {
        return read(Optional.empty());
    }

    /**
     * @param onlyGuests the guests to read, or every guest; of their read the kernel's links, routes and host-wide
     *                   switches are whole, the links' own settings are those of the links on their path
     */
    private HostSnapshot read(Optional<Set<String>> onlyGuests) {
        LibvirtReader libvirt = connection.session().reader;
        // the kernel and firewall commands run while libvirt answers
        Prefetch early = prefetch;
        prefetch = null;
        boolean useEarly = early != null && early.fresh() && (early.linkSettings() || onlyGuests.isPresent());
        boolean pathSettings = onlyGuests.isPresent() && !(useEarly && early.linkSettings());
        var kernelRead = useEarly ? early.kernel() : CompletableFuture.supplyAsync(
                onlyGuests.isPresent() ? kernel.withoutLinkSettings() : kernel.all(), COMMANDS);
        var firewallRead = useEarly ? early.firewall() : CompletableFuture.supplyAsync(firewall, COMMANDS);
        var networksRead = CompletableFuture.supplyAsync(this::networks, COMMANDS);
        var savedRead = kernelRead.thenApplyAsync(k -> savedConfig.apply(k.links()), COMMANDS);
        try {
            if (info == null) {
                // the host's name and libvirt version do not change while it is open
                info = new HostInfo(libvirt.hostName(), address.uri(), Optional.of(libvirt.version()));
            }
            var guestReads = onlyGuests.isPresent() ? libvirt.guests(onlyGuests.get()) : libvirt.guests();
            parts = new HostParts(info, networksRead.join(), guestReads, kernelRead.join(), firewallRead.join());
            if (pathSettings) {
                Set<String> path = LinksOnPath.of(parts.compose(List.of()));
                parts = parts.withKernel(kernel.settingsOf().apply(parts.kernel(), path));
            }
            saved = savedRead.join();
        } catch (LibvirtException e) {
            throw LibvirtErrors.call("reading " + address.describe(), e);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof HostException h ? h : e;
        }
        return compose();
    }

    private NetworksRead networks() {
        try {
            return connection.session().reader.networks();
        } catch (LibvirtException e) {
            throw LibvirtErrors.call("reading the networks of " + address.describe(), e);
        }
    }

    private HostSnapshot compose() {
        List<String> hostGaps = new ArrayList<>(connection.session().reader.driverGaps());
        hostGaps.addAll(connection.takeGaps());
        hostGaps.addAll(saved.gaps());
        return parts.compose(hostGaps).withSaved(saved.config());
    }

    /** After libvirtd restarted: a new connection, and the next snapshot says so (see {@link HostConnection}). */
    private void reconnectIfLost() {
        if (connection.reconnectIfLost(Optional.ofNullable(live))) {
            info = null; // libvirt may have been upgraded before it restarted
            if (live != null) {
                live.everythingChanged(); // what changed while nobody was listening is not known
            }
        }
    }

    /** Reads again only what the signals name (everything when unsure). */
    private synchronized HostSnapshot refreshLive(ReadScope what) {
        if (what.everything() || parts == null || !connection.alive()) {
            return snapshot();
        }
        // a tap that changed bridge may mean its guest was changed (virsh update-device): read it again
        ReadScope scope = what;
        for (String guest : parts.guestsUsing(what.links())) {
            scope = scope.with(ReadScope.ofGuest(guest));
        }
        return reread(scope);
    }

    /**
     * Per object: one domain's XML for a guest, the networks (a handful) for a network, two commands for the
     * link table; the whole kernel or the firewall only when a subject is about them.
     */
    @Override
    public synchronized HostSnapshot refresh(HostSnapshot base, ReadScope what) {
        if (what.everything() || parts == null || !connection.alive()) {
            return snapshot();
        }
        try {
            return reread(what);
        } catch (HostException e) {
            if (connection.alive()) {
                throw e;
            }
            return snapshot(); // the daemon went away during this read: snapshot() reconnects
        }
    }

    /** Reads these parts again into the last read parts, and composes the snapshot. */
    private HostSnapshot reread(ReadScope scope) {
        lastRead = null;
        KernelFacts previous = parts.kernel();
        var kernelRead = scope.kernel() ? CompletableFuture.supplyAsync(kernel.all(), COMMANDS)
                : scope.readsLinks() ? CompletableFuture.supplyAsync(() -> kernel.links().apply(previous), COMMANDS)
                : null;
        var firewallRead = scope.firewall() ? CompletableFuture.supplyAsync(firewall, COMMANDS) : null;
        try {
            if (scope.readsNetworks()) {
                parts = parts.withNetworks(networks());
            }
            for (String name : scope.guests()) {
                parts = parts.withGuest(connection.session().reader.guest(name));
            }
            if (kernelRead != null) {
                parts = parts.withKernel(kernelRead.join());
            }
            if (firewallRead != null) {
                parts = parts.withFirewall(firewallRead.join());
            }
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof HostException h ? h : e;
        }
        return compose();
    }

    @Override
    public synchronized Optional<Guest> savedGuest(String name) {
        reconnectIfLost();
        return connection.session().reader.savedGuest(name);
    }

    @Override
    public synchronized Optional<VirtualNetwork> savedNetwork(String name) {
        reconnectIfLost();
        return connection.session().reader.savedNetwork(name);
    }

    @Override
    public AutoCloseable watch(Consumer<HostChange> listener) {
        return watch(listener, why -> {
            // a host tab reads again when asked: snapshot() reconnects then
        });
    }

    @Override
    public synchronized AutoCloseable watch(Consumer<HostChange> listener, Consumer<String> lost) {
        if (live == null) {
            connection.hearEvents();
            // the window reads the host and then watches it: a second read of 500 guests would delay its first
            // picture. As with a fresh read, what changes before the sources listen is not heard (the kernel is
            // read again once ip monitor listens)
            HostSnapshot first = lastRead != null && lastRead.fresh() ? lastRead.snapshot() : snapshot();
            live = new LiveUpdates(this::refreshLive, first);
            connection.startEvents(live, runner);
        }
        return live.add(listener, lost);
    }

    /** Asks for a re-read of what Virtwire's own change touched, when someone is watching. */
    private void changed(Id... subjects) {
        LiveUpdates updates;
        synchronized (this) {
            prefetch = null; // read before the change: a snapshot now must not use it
            lastRead = null;
            updates = live;
        }
        if (updates != null) {
            updates.changed(ReadScope.of(List.of(subjects)));
        }
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.quiet(); // the monitor ending and the connection closing below are Virtwire's doing
        }
        connection.stopEvents();
        if (live != null) {
            live.close();
            live = null;
        }
        connection.close();
    }

}
