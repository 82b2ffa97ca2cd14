package dev.virtwire.host.libvirt;

import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Mac;
import dev.virtwire.model.VirtualNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * Reads networks and guests over an open libvirt connection. A fixed number of calls per object: the live
 * XML (and a running network's DHCP leases); for running guests also the saved XML (they can differ) and the
 * leases; the agent only when its channel is connected. Guest states come from one list and two short ones, not a
 * call per guest. An object that vanishes or fails mid-read becomes a gap; the others are still read.
 */
final class LibvirtReader {

    private final Connect connect;
    private final ExecutorService pool;
    private final ParsedDomains live = new ParsedDomains();
    /** The saved configs of running guests: compared with the live XML at every read, rarely changed. */
    private final ParsedDomains saved = new ParsedDomains();

    /** The key in {@link #unsupported} of networks' leases. */
    private static final String NETWORK_LEASES = "networks' leases";

    /**
     * The calls this driver refused (the test driver has no agent, nor lists leases), by what they read ("networks'
     * leases", a guest address source): not made again, still reported.
     */
    private final Map<String, String> unsupported = new ConcurrentHashMap<>();

    /** @param pool reads guests side by side: libvirt connections take concurrent calls */
    LibvirtReader(Connect connect, ExecutorService pool) {
        this.connect = connect;
        this.pool = pool;
    }

    String hostName() throws LibvirtException {
        return connect.getHostName();
    }

    String version() throws LibvirtException {
        long v = connect.getLibVersion();
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    /** What this driver cannot tell, as gaps for every snapshot. */
    List<String> driverGaps() {
        return new TreeSet<>(unsupported.values()).stream().toList();
    }

    NetworksRead networks() throws LibvirtException {
        // sorted: libvirt lists in no stable order, and views and diffs want one
        Set<String> names = new TreeSet<>(List.of(connect.listNetworks()));
        names.addAll(List.of(connect.listDefinedNetworks()));
        List<VirtualNetwork> out = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (String name : names) {
            try {
                Network n = connect.networkLookupByName(name);
                VirtualNetwork network = NetworkXml.parse(n.getXMLDesc(0), n.isActive() == 1, n.getAutostart());
                out.add(network.active() && network.servesDhcp() ? withLeases(n, network, gaps) : network);
            } catch (LibvirtException e) {
                gaps.add(LibvirtErrors.isGone(e) ? "network " + name + " disappeared while it was being read"
                        : "network " + name + " could not be read: " + LibvirtErrors.message(e));
            } catch (IllegalArgumentException e) {
                gaps.add("network " + name + " is not shown: " + e.getMessage());
            }
        }
        return new NetworksRead(out, gaps);
    }

    private VirtualNetwork withLeases(Network n, VirtualNetwork network, List<String> gaps) {
        if (unsupported.containsKey(NETWORK_LEASES)) {
            return network;
        }
        try {
            return network.withLeases(NetworkLeases.of(n));
        } catch (NetworkLeases.Failed e) {
            if (e.unsupported()) {
                unsupported.put(NETWORK_LEASES, "this libvirt driver does not list networks' DHCP leases: "
                        + e.getMessage());
            } else {
                gaps.add("network " + network.name() + ": its DHCP leases could not be read: " + e.getMessage());
            }
            return network;
        }
    }

    /** Every guest, keyed by name in name order. */
    Map<String, GuestRead> guests() throws LibvirtException {
        // one full list; a running guest's id (known locally, no round trip) tells it from a shut-off one, and
        // the short lists of paused and transient guests tell the rest
        Set<String> paused = names(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_PAUSED);
        Set<String> transients = names(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_TRANSIENT);
        List<Future<GuestRead>> reads = new ArrayList<>();
        for (Domain d : connect.listAllDomains(0)) {
            String name = d.getName(); // answered locally, without a round trip
            GuestState state = d.getID() < 0 ? GuestState.SHUTOFF
                    : paused.contains(name) ? GuestState.PAUSED : GuestState.RUNNING;
            boolean saved = !transients.contains(name);
            reads.add(pool.submit(() -> read(d, name, Optional.of(state), saved)));
        }
        Map<String, GuestRead> out = new java.util.TreeMap<>();
        for (Future<GuestRead> read : reads) {
            GuestRead r = join(read);
            out.put(r.name(), r);
        }
        live.retain(out.keySet());
        saved.retain(out.keySet());
        return out;
    }

    /**
     * These guests only, side by side, keyed by name (a guest that does not exist: an empty read): a lookup, its
     * state and its XML each, not a list of every guest. The cache of parsed XML keeps the others.
     */
    Map<String, GuestRead> guests(Set<String> names) {
        List<Future<GuestRead>> reads = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            reads.add(pool.submit(() -> guest(name)));
        }
        Map<String, GuestRead> out = new java.util.TreeMap<>();
        for (Future<GuestRead> read : reads) {
            GuestRead r = join(read);
            out.put(r.name(), r);
        }
        return out;
    }

    /** One guest by name, e.g. after an event about it; empty guest when it no longer exists. */
    GuestRead guest(String name) {
        try {
            Domain d = connect.domainLookupByName(name);
            return read(d, name, Optional.empty(), d.isPersistent() == 1);
        } catch (LibvirtException e) {
            return LibvirtErrors.isGone(e) ? new GuestRead(name, Optional.empty(), List.of())
                    : new GuestRead(name, Optional.empty(), List.of("guest " + name + " could not be read: "
                    + LibvirtErrors.message(e)));
        }
    }

    /** One guest's saved config (libvirt's inactive XML): one lookup and one XML, for a change's check. */
    Optional<Guest> savedGuest(String name) {
        try {
            Domain d = connect.domainLookupByName(name);
            if (d.isPersistent() != 1) {
                return Optional.empty();
            }
            GuestState state = state(d.getInfo().state);
            return Optional.of(saved.parse(name, d.getXMLDesc(Domain.XMLFlags.INACTIVE), state).guest());
        } catch (LibvirtException e) {
            if (LibvirtErrors.isGone(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.call("reading the saved config of guest " + name, e);
        }
    }

    /** One network's saved config (libvirt's inactive XML), for a change's check. */
    Optional<VirtualNetwork> savedNetwork(String name) {
        try {
            Network n = connect.networkLookupByName(name);
            return Optional.of(NetworkXml.parse(n.getXMLDesc(NetworkWriter.XML_INACTIVE), n.isActive() == 1,
                    n.getAutostart()));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isGone(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.call("reading the saved config of network " + name, e);
        }
    }

    private Set<String> names(int filter) throws LibvirtException {
        Set<String> out = new HashSet<>();
        for (Domain d : connect.listAllDomains(filter)) {
            out.add(d.getName());
        }
        return out;
    }

    private GuestRead read(Domain d, String name, Optional<GuestState> knownState, boolean persistent) {
        List<String> gaps = new ArrayList<>();
        try {
            GuestState state = knownState.isPresent() ? knownState.get() : state(d.getInfo().state);
            DomainXml.Parsed current = live.parse(name, d.getXMLDesc(0), state);
            gaps.addAll(current.problems());
            Guest guest = current.guest();
            boolean active = state != GuestState.SHUTOFF;
            if (active && persistent) {
                Guest config = saved.parse(name, d.getXMLDesc(Domain.XMLFlags.INACTIVE), state).guest();
                gaps.addAll(DomainXml.differences(guest, config));
            }
            if (active) {
                guest = withAddresses(d, guest, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE,
                         AddressOrigin.LEASE, gaps);
                if (current.agentConnected()) {
                    guest = withAddresses(d, guest, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT,
                             AddressOrigin.AGENT, gaps);
                }
            }
            return new GuestRead(name, Optional.of(guest), gaps);
        } catch (LibvirtException e) {
            gaps.add(LibvirtErrors.isGone(e) ? "guest " + name + " disappeared while it was being read"
                    : "guest " + name + " could not be read: " + LibvirtErrors.message(e));
        } catch (IllegalArgumentException e) {
            gaps.add("guest " + name + " is not shown: " + e.getMessage());
        }
        return new GuestRead(name, Optional.empty(), gaps);
    }

    private Guest withAddresses(Domain d, Guest guest, int source, AddressOrigin origin, List<String> gaps) {
        if (unsupported.containsKey(origin.json())) {
            return guest;
        }
        try {
            return GuestAddresses.merge(guest, byMac(d.interfaceAddresses(source, 0)), origin);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isUnsupported(e)) {
                unsupported.put(origin.json(), "this libvirt driver does not report " + origin.json() + " addresses: "
                        + LibvirtErrors.message(e));
            } else {
                gaps.add("guest " + guest.name() + ": " + origin.json() + " addresses could not be read: "
                        + LibvirtErrors.message(e));
            }
            return guest;
        }
    }

    private static Map<String, List<String>> byMac(Collection<DomainInterface> interfaces) {
        Map<String, List<String>> out = new HashMap<>();
        for (DomainInterface i : interfaces) {
            if (i.hwAddr == null || !Mac.isValid(i.hwAddr) || i.addrs == null) {
                continue;
            }
            for (DomainInterface.InterfaceAddress a : i.addrs) {
                if (a.address instanceof Inet4Address v4) {
                    out.computeIfAbsent(Mac.normalize(i.hwAddr), k -> new ArrayList<>())
                            .add(v4.getHostAddress() + "/" + a.prefixLength);
                } else if (a.address instanceof Inet6Address v6) {
                    // DHCPv6 leases and the agent's IPv6 addresses, in canonical form (no zone: fe80::1%eth0)
                    IpAddress.tryParse(v6.getHostAddress().replaceFirst("%.*", "") + "/" + a.prefixLength)
                            .ifPresent(ip -> out.computeIfAbsent(Mac.normalize(i.hwAddr), k -> new ArrayList<>())
                                    .add(ip.toString()));
                }
            }
        }
        return out;
    }

    private static GuestRead join(Future<GuestRead> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a guest failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.virtwire.host.HostException("interrupted while reading guests", e);
        }
    }

    static GuestState state(DomainInfo.DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> GuestState.RUNNING;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> GuestState.PAUSED;
            case VIR_DOMAIN_SHUTOFF -> GuestState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> GuestState.CRASHED;
            default -> GuestState.OTHER;
        };
    }
}
