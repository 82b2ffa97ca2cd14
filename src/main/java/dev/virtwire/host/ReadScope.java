package dev.virtwire.host;

import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What to read again of a host: everything, or some of its parts. The one answer to "what is fresh" for a
 * step's checks ({@link HostReader#refresh}), for live updates after a signal, and for planning an intent;
 * two scopes merge into one read ({@link #with}).
 *
 * @param everything  the whole host
 * @param guests      these guests' definitions and addresses
 * @param networks    these libvirt networks
 * @param allNetworks every libvirt network (a network event does not say which)
 * @param links       links seen changing (ip monitor): the link table, and the guests whose taps they are
 * @param linkTable   the link table with its addresses
 * @param kernel      the whole kernel: links, routes, settings, neighbours
 * @param firewall    the firewall's rules
 */
public record ReadScope(boolean everything, Set<String> guests, Set<String> networks, boolean allNetworks,
                        Set<String> links, boolean linkTable, boolean kernel, boolean firewall) {

    public static final ReadScope NOTHING = new ReadScope(false, Set.of(), Set.of(), false, Set.of(), false, false,
            false);
    public static final ReadScope EVERYTHING = new ReadScope(true, Set.of(), Set.of(), false, Set.of(), false, false,
            false);
    public static final ReadScope KERNEL = NOTHING.withKernel();
    public static final ReadScope FIREWALL = new ReadScope(false, Set.of(), Set.of(), false, Set.of(), false, false,
            true);

    public ReadScope {
        guests = Set.copyOf(guests);
        networks = Set.copyOf(networks);
        links = Set.copyOf(links);
    }

    /**
     * What reading these ids takes: a guest for its guest, NIC or tap (a tap is in the link table too); a
     * network; the link table for a link or an address; the whole kernel for a route or a sysctl; the firewall
     * for a port forward or a bridge's accept rules; nothing for a host-side timer.
     */
    public static ReadScope of(Collection<? extends Id> ids) {
        ReadScope scope = NOTHING;
        for (Id id : ids) {
            scope = scope.with(of(id));
        }
        return scope;
    }

    public static ReadScope of(Id id) {
        if (id instanceof Id.Guest g) {
            return ofGuest(g.name());
        } else if (id instanceof Id.Nic n) {
            return ofGuest(n.guest());
        } else if (id instanceof Id.Tap t) {
            return ofGuest(t.guest()).withLinkTable();
        } else if (id instanceof Id.Network n) {
            return new ReadScope(false, Set.of(), Set.of(n.name()), false, Set.of(), false, false, false);
        } else if (id instanceof Id.Link || id instanceof Id.Address) {
            return NOTHING.withLinkTable();
        } else if (id instanceof Id.Route || id instanceof Id.Sysctl) {
            return KERNEL;
        } else if (id instanceof Id.PortForward || id instanceof Id.BridgeAccept) {
            return FIREWALL;
        } else if (id instanceof Id.Watchdog) {
            return NOTHING;
        }
        return EVERYTHING; // the outside: whatever leads there
    }

    public static ReadScope ofGuest(String name) {
        return new ReadScope(false, Set.of(name), Set.of(), false, Set.of(), false, false, false);
    }

    /** A link seen changing: the link table, and whichever guest's tap it is. */
    public static ReadScope ofLinkSeen(String name) {
        return new ReadScope(false, Set.of(), Set.of(), false, Set.of(name), false, false, false);
    }

    /** Every network; a network's bridge and firewall rules come and go with it, so the kernel and firewall too. */
    public static ReadScope ofAllNetworks() {
        return new ReadScope(false, Set.of(), Set.of(), true, Set.of(), false, true, true);
    }

    public ReadScope withKernel() {
        return new ReadScope(everything, guests, networks, allNetworks, links, linkTable, true, firewall);
    }

    public ReadScope withLinkTable() {
        return new ReadScope(everything, guests, networks, allNetworks, links, true, kernel, firewall);
    }

    /** Both reads in one. */
    public ReadScope with(ReadScope o) {
        return new ReadScope(everything || o.everything, union(guests, o.guests), union(networks, o.networks),
                allNetworks || o.allNetworks, union(links, o.links), linkTable || o.linkTable, kernel || o.kernel,
                firewall || o.firewall);
    }

    /** Whether any network is read. */
    public boolean readsNetworks() {
        return allNetworks || !networks.isEmpty();
    }

    /** Whether the link table is read (the whole kernel includes it). */
    public boolean readsLinks() {
        return linkTable || kernel || !links.isEmpty();
    }

    public boolean isNothing() {
        return equals(NOTHING);
    }

    /**
     * {@code base} with the parts read here taken from {@code fresh} (a full read): named guests and networks
     * replaced, dropped when gone or added when new; the link table, the kernel or the firewall as a whole. The
     * gaps and the time are the fresh read's; the saved network configuration is the base's (read with everything).
     */
    public HostSnapshot splice(HostSnapshot base, HostSnapshot fresh) {
        if (everything) {
            return fresh;
        }
        return new HostSnapshot(base.host(), fresh.takenAt(), readsLinks() ? fresh.links() : base.links(),
                kernel ? fresh.routes() : base.routes(), kernel ? fresh.kernel() : base.kernel(),
                allNetworks ? fresh.networks() : spliced(base.networks(), fresh.networks(), networks,
                        VirtualNetwork::name),
                spliced(base.guests(), fresh.guests(), guests, Guest::name),
                firewall ? fresh.firewall() : base.firewall(), base.saved(), fresh.gaps(),
                kernel ? fresh.routes6() : base.routes6(), readsLinks() ? fresh.arp() : base.arp());
    }

    /** The base's list in its order, the named entries as in the fresh one; named ones new in it at the end. */
    private static <T> List<T> spliced(List<T> base, List<T> fresh, Set<String> named, Function<T, String> name) {
        if (named.isEmpty()) {
            return base;
        }
        List<T> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (T old : base) {
            String n = name.apply(old);
            if (!named.contains(n)) {
                out.add(old);
            } else {
                fresh.stream().filter(f -> name.apply(f).equals(n)).findFirst().ifPresent(out::add);
                placed.add(n);
            }
        }
        fresh.stream().filter(f -> named.contains(name.apply(f)) && !placed.contains(name.apply(f))).forEach(out::add);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
