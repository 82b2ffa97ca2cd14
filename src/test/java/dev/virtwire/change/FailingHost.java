package dev.virtwire.change;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Scope;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
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
    @Override public HostSnapshot refresh(HostSnapshot base, Set<String> subjects) { return delegate.refresh(base, subjects); }
    @Override public AutoCloseable watch(Consumer<HostChange> l) { return delegate.watch(l); }
    @Override public void close() { delegate.close(); }

    @Override public void attachNic(String g, String m, NicType t, String s, Scope sc) { count(); delegate.attachNic(g, m, t, s, sc); }
    @Override public void setNicLink(String g, String m, boolean up, Scope sc) { count(); delegate.setNicLink(g, m, up, sc); }
    @Override public void setLinkUp(String l, boolean up) { count(); delegate.setLinkUp(l, up); }
    @Override public void setLinkMaster(String l, Optional<String> m) { count(); delegate.setLinkMaster(l, m); }
    @Override public void setNetworkActive(String n, boolean a) { count(); delegate.setNetworkActive(n, a); }
    @Override public void setIpForward(boolean on) { count(); delegate.setIpForward(on); }
    @Override public void createBridge(String n, BridgeSettings s, Optional<String> mac) { count(); delegate.createBridge(n, s, mac); }
    @Override public void deleteBridge(String n) { count(); delegate.deleteBridge(n); }
    @Override public void setLinkMtu(String l, int mtu) { count(); delegate.setLinkMtu(l, mtu); }
    @Override public void setLinkMac(String l, String mac) { count(); delegate.setLinkMac(l, mac); }
    @Override public void setAddress(String l, String c, boolean p) { count(); delegate.setAddress(l, c, p); }
    @Override public void setAddress(String l, String c, boolean p, Optional<Integer> m) { count(); delegate.setAddress(l, c, p, m); }
    @Override public void setRoute(Route r, boolean p) { count(); delegate.setRoute(r, p); }
    @Override public void defineNetwork(VirtualNetwork d) { count(); delegate.defineNetwork(d); }
    @Override public void defineNetwork(VirtualNetwork d, Optional<String> mac) { count(); delegate.defineNetwork(d, mac); }
    @Override public void undefineNetwork(String n) { count(); delegate.undefineNetwork(n); }
    @Override public void setDhcpHost(String n, DhcpHost h, boolean p, Scope s) { count(); delegate.setDhcpHost(n, h, p, s); }
    @Override public void setPortForward(PortForward f, boolean p) { count(); delegate.setPortForward(f, p); }
    @Override public void setForwardAccept(ForwardAccept a, boolean p) { count(); delegate.setForwardAccept(a, p); }
    @Override public void armRevert(String id, List<String> b, Duration d) { count(); delegate.armRevert(id, b, d); }
    @Override public boolean disarmRevert(String id) { return delegate.disarmRevert(id); }
}
