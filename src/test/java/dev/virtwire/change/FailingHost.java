package dev.virtwire.change;

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
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A host that fails its k-th change (counting from 1): with a HostException, as a host refusing, or with
 * {@link Killed}, as the process dying mid-plan (nothing catches an Error, so the journal stays as it was).
 * {@link PartWayHost} extends it with steps that stop half-way.
 */
public class FailingHost implements Host {
    public static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    private final Host delegate;
    private final int failAt;
    private final boolean kill;
    private int writes;

    public FailingHost(Host delegate, int failAt, boolean kill) {
        this.delegate = delegate;
        this.failAt = failAt;
        this.kill = kill;
    }

    public int writes() {
        return writes;
    }

    private void count() {
        writes++;
        if (writes == failAt) {
            if (kill) {
                throw new Killed();
            }
            throw new HostException("injected failure at write " + writes);
        }
    }

    @Override public HostSnapshot snapshot() { return delegate.snapshot(); }
    @Override public Optional<Guest> savedGuest(String name) { return delegate.savedGuest(name); }
    @Override public HostSnapshot refresh(HostSnapshot base, ReadScope scope) { return delegate.refresh(base, scope); }
    @Override public AutoCloseable watch(Consumer<HostChange> l) { return delegate.watch(l); }
    @Override public void close() { delegate.close(); }

    @Override public GuestNics guests() { return counting(GuestNics.class, delegate.guests()); }
    @Override public LibvirtNetworks virtualNetworks() { return counting(LibvirtNetworks.class, delegate.virtualNetworks()); }
    @Override public KernelLinks kernel() { return counting(KernelLinks.class, delegate.kernel()); }
    @Override public HostFirewall firewall() { return counting(HostFirewall.class, delegate.firewall()); }
    @Override public Sysctl sysctl() { return counting(Sysctl.class, delegate.sysctl()); }
    @Override public RevertWatchdog watchdog() { return counting(RevertWatchdog.class, delegate.watchdog()); }
    @Override public dev.virtwire.host.SavedNetworkConfig savedConfig() {
        return counting(dev.virtwire.host.SavedNetworkConfig.class, delegate.savedConfig());
    }

    /** Every change made through the part counts; disarming a watchdog does not (it is a confirmation). */
    private <T> T counting(Class<T> part, T target) {
        return part.cast(Proxy.newProxyInstance(part.getClassLoader(), new Class<?>[] {part}, (proxy, method, args) -> {
            if (!List.of("disarmRevert", "destroyCheckpoint", "revertRan", "uplinkRevertRan").contains(method.getName())) {
                count();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
