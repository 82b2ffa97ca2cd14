package dev.virtwire.host.libvirt;

import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.Mac;
import dev.virtwire.model.VirtualNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * Reads networks and guests over an open libvirt connection. A fixed number of calls per object: state,
 * live XML, saved XML (only when they can differ), leases (running guests), agent (only when connected).
 * An object that vanishes or fails mid-read becomes a gap; the others are still read.
 */
final class LibvirtReader {
    private static final int XML_INACTIVE = 2;
    private static final int SOURCE_LEASE = 0;
    private static final int SOURCE_AGENT = 1;

    /** virConnectListAllDomains filters: one call each tells the state of every guest. */
    private static final int LIST_PERSISTENT = 4;
    private static final int LIST_RUNNING = 16;
    private static final int LIST_PAUSED = 32;
    private static final int LIST_SHUTOFF = 64;

    private final Connect connect;
    private final ExecutorService pool;
    /** Address sources this driver refused once (the test driver has no leases): not asked again. */
    private final Set<Integer> unsupportedSources = ConcurrentHashMap.newKeySet();

    /** @param pool reads guests side by side: libvirt connections take concurrent calls */
    LibvirtReader(Connect connect, ExecutorService pool) {
        this.connect = connect;
        this.pool = pool;
    }

    LibvirtFacts read() throws LibvirtException {
        List<String> gaps = new ArrayList<>();
        String host = connect.getHostName();
        Optional<String> version = Optional.of(version(connect.getLibVersion()));
        return new LibvirtFacts(host, version, networks(gaps), guests(gaps), gaps);
    }

    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    List<VirtualNetwork> networks(List<String> gaps) throws LibvirtException {
        // sorted: libvirt lists in no stable order, and views and diffs want one
        Set<String> names = new java.util.TreeSet<>(List.of(connect.listNetworks()));
        names.addAll(List.of(connect.listDefinedNetworks()));
        List<VirtualNetwork> out = new ArrayList<>();
        for (String name : names) {
            try {
                Network n = connect.networkLookupByName(name);
                out.add(NetworkXml.parse(n.getXMLDesc(0), n.isActive() == 1, n.getAutostart()));
            } catch (LibvirtException e) {
                gaps.add(LibvirtErrors.isGone(e) ? "network " + name + " disappeared while it was being read"
                        : "network " + name + " could not be read: " + LibvirtErrors.message(e));
            } catch (IllegalArgumentException e) {
                gaps.add("network " + name + " is not shown: " + e.getMessage());
            }
        }
        return out;
    }

    List<Guest> guests(List<String> gaps) throws LibvirtException {
        Set<String> running = names(LIST_RUNNING);
        Set<String> paused = names(LIST_PAUSED);
        Set<String> shutoff = names(LIST_SHUTOFF);
        Set<String> persistent = names(LIST_PERSISTENT);
        List<Future<Optional<Guest>>> reads = new ArrayList<>();
        List<String> shared = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Domain d : connect.listAllDomains(0)) {
            reads.add(pool.submit(() -> guest(d, running, paused, shutoff, persistent, shared)));
        }
        List<Guest> out = new ArrayList<>();
        for (Future<Optional<Guest>> read : reads) {
            try {
                read.get().ifPresent(out::add);
            } catch (ExecutionException e) {
                shared.add("a guest could not be read: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.virtwire.host.HostException("interrupted while reading guests", e);
            }
        }
        gaps.addAll(shared);
        out.sort(java.util.Comparator.comparing(Guest::name));
        return out;
    }

    private Set<String> names(int filter) throws LibvirtException {
        Set<String> out = new java.util.HashSet<>();
        for (Domain d : connect.listAllDomains(filter)) {
            out.add(d.getName()); // virDomainGetName answers locally, without a round trip
        }
        return out;
    }

    private Optional<Guest> guest(Domain d, Set<String> running, Set<String> paused, Set<String> shutoff,
                                  Set<String> persistent, List<String> gaps) {
        String name = "?";
        try {
            name = d.getName();
            GuestState state = running.contains(name) ? GuestState.RUNNING : paused.contains(name) ? GuestState.PAUSED
                    : shutoff.contains(name) ? GuestState.SHUTOFF : state(d.getInfo().state);
            DomainXml.Parsed live = DomainXml.parse(d.getXMLDesc(0), state);
            gaps.addAll(live.problems());
            Guest guest = live.guest();
            boolean active = state != GuestState.SHUTOFF;
            if (active && persistent.contains(name)) {
                Guest saved = DomainXml.parse(d.getXMLDesc(XML_INACTIVE), state).guest();
                gaps.addAll(DomainXml.differences(guest, saved));
            }
            if (active) {
                guest = withAddresses(d, guest, SOURCE_LEASE, AddressOrigin.LEASE, gaps);
                if (live.agentConnected()) {
                    guest = withAddresses(d, guest, SOURCE_AGENT, AddressOrigin.AGENT, gaps);
                }
            }
            return Optional.of(guest);
        } catch (LibvirtException e) {
            gaps.add(LibvirtErrors.isGone(e) ? "guest " + name + " disappeared while it was being read"
                    : "guest " + name + " could not be read: " + LibvirtErrors.message(e));
        } catch (IllegalArgumentException e) {
            gaps.add("guest " + name + " is not shown: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Guest withAddresses(Domain d, Guest guest, int source, AddressOrigin origin, List<String> gaps) {
        if (unsupportedSources.contains(source)) {
            return guest;
        }
        try {
            return GuestAddresses.merge(guest, byMac(d.interfaceAddresses(source, 0)), origin);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isUnsupported(e)) {
                unsupportedSources.add(source);
                gaps.add("this libvirt driver does not report " + origin.json() + " addresses: "
                        + LibvirtErrors.message(e));
            } else {
                gaps.add("guest " + guest.name() + ": " + origin.json() + " addresses could not be read: "
                        + LibvirtErrors.message(e));
            }
            return guest;
        }
    }

    private static Map<String, List<String>> byMac(Collection<DomainInterface> interfaces) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (DomainInterface i : interfaces) {
            if (i.hwAddr == null || !Mac.isValid(i.hwAddr) || i.addrs == null) {
                continue;
            }
            for (DomainInterface.InterfaceAddress a : i.addrs) {
                if (a.address instanceof Inet4Address v4) {
                    out.computeIfAbsent(Mac.normalize(i.hwAddr), k -> new ArrayList<>())
                            .add(v4.getHostAddress() + "/" + a.prefixLength);
                }
            }
        }
        return out;
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
