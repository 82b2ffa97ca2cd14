package dev.virtwire.model;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The host-wide index a command about one guest compares it with instead of reading every guest's definition:
 * what every running guest shows of its NICs on the host itself. A libvirt tap carries its NIC's MAC with the
 * first octet set to fe (so that its bridge never takes the tap's MAC as its own); a macvtap carries the NIC's MAC
 * itself; the host's neighbour tables pair the addresses guests talk from with their MACs. A shut-off guest shows
 * nothing here (its MAC is only in its definition), nor does an address only a guest agent reports. The running
 * networks' DHCP leases (one call per network) add the addresses guests were given but have not used towards the
 * host lately.
 *
 * @param links      the host's whole link table
 * @param neighbours the host's ARP cache (IPv4 address and MAC pairs)
 * @param leased     the running networks' IPv4 leases, as address and MAC pairs
 */
public record RunningGuestIndex(List<Link> links, List<Neighbour> neighbours, List<Neighbour> leased) {

    /** An ARP entry: this address answered from this MAC. */
    public record Neighbour(String ip, String mac) {
        public Neighbour {
            Objects.requireNonNull(ip, "ip");
            mac = Mac.normalize(mac);
        }
    }

    public RunningGuestIndex {
        links = List.copyOf(links);
        neighbours = List.copyOf(neighbours);
        leased = List.copyOf(leased);
    }

    /** An index without leases (a driver that lists none). */
    public RunningGuestIndex(List<Link> links, List<Neighbour> neighbours) {
        this(links, neighbours, List.of());
    }

    /**
     * An IPv4 address a running guest's NIC talks from, as the host sees it without reading the guest: the ARP
     * entry's address and MAC, and the tap or macvtap on the host that carries that NIC.
     */
    public record SeenAddress(String ip, String mac, Link link) {
    }

    /** The index of what this snapshot read: its link table, its ARP cache and its networks' leases. */
    public static RunningGuestIndex of(HostSnapshot snapshot) {
        List<Neighbour> leased = snapshot.networks().stream().flatMap(n -> n.leases().stream())
                .filter(l -> !l.isIpv6()).map(l -> new Neighbour(l.address(), l.mac())).toList();
        return new RunningGuestIndex(snapshot.links(), snapshot.arp(), leased);
    }

    /** The index of a link table alone (no neighbour table): it covers MACs, not addresses. */
    public static RunningGuestIndex ofLinks(List<Link> links) {
        return new RunningGuestIndex(links, List.of());
    }

    /**
     * What on the host may be another guest sharing one of this guest's MACs or IPv4 addresses, in words
     * ("tap vnet7 carries fe:54:00:12:34:56, the tap of a NIC with 52:54:00:12:34:56"): empty when nothing does,
     * and then no running guest shares them. Its own taps and its own MACs' entries are not a clash.
     */
    public List<String> clashes(Guest guest) {
        // plain loops: a command about one guest runs this once, on a cold JVM, over every link of the host
        Set<String> ownMacs = new HashSet<>();
        Set<String> ownLinks = new HashSet<>();
        for (GuestNic nic : guest.nics()) {
            ownMacs.add(nic.mac());
            nic.target().ifPresent(ownLinks::add);
        }
        Set<String> out = new LinkedHashSet<>();
        for (GuestNic nic : guest.nics()) {
            String tapMac = "fe" + nic.mac().substring(2);
            for (Link link : links) {
                String mac = link.mac().orElse("");
                if (ownLinks.contains(link.name())) {
                    continue;
                }
                if (link.kind() == LinkKind.TAP && mac.equals(tapMac)) {
                    out.add("tap " + link.name() + " carries " + mac + ", the tap of a NIC with " + nic.mac());
                } else if (link.kind() == LinkKind.MACVTAP && mac.equals(nic.mac())) {
                    out.add("macvtap " + link.name() + " carries " + nic.mac());
                }
            }
            for (GuestAddress address : nic.addresses()) {
                String ip = bare(address.ip());
                for (Neighbour n : neighbours) {
                    if (n.ip().equals(ip) && !ownMacs.contains(n.mac())) {
                        out.add("the host's ARP cache has " + ip + " at " + n.mac());
                    }
                }
                for (Neighbour n : leased) {
                    if (n.ip().equals(ip) && !ownMacs.contains(n.mac())) {
                        out.add("a network's DHCP leases give " + ip + " to " + n.mac());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The ARP entries and leases whose MAC is a running guest NIC's, by the tap (the NIC's MAC behind fe) or macvtap
     * (the MAC itself) that carries it, ARP cache first: the addresses running guests use, whether read or not.
     * A read of every guest puts the same addresses on the guests' NICs; an address only a guest agent reports is
     * not here.
     */
    public List<SeenAddress> runningGuestAddresses() {
        // plain loops and maps: once per diagnosis, on a cold JVM, over every link and ARP entry of the host
        java.util.Map<String, Link> byTapTail = new java.util.HashMap<>();
        java.util.Map<String, Link> byMacvtap = new java.util.HashMap<>();
        for (Link link : links) {
            String mac = link.mac().orElse("");
            if (link.kind() == LinkKind.TAP && mac.startsWith("fe:")) {
                byTapTail.put(mac.substring(2), link);
            } else if (link.kind() == LinkKind.MACVTAP && !mac.isEmpty()) {
                byMacvtap.put(mac, link);
            }
        }
        List<SeenAddress> out = new java.util.ArrayList<>();
        Set<Neighbour> seen = new HashSet<>();
        List<Neighbour> both = new java.util.ArrayList<>(neighbours);
        both.addAll(leased);
        for (Neighbour n : both) {
            if (!seen.add(n)) {
                continue;
            }
            Link carrier = byMacvtap.get(n.mac());
            if (carrier == null && !n.mac().startsWith("fe:")) {
                carrier = byTapTail.get(n.mac().substring(2));
            }
            if (carrier != null) {
                out.add(new SeenAddress(n.ip(), n.mac(), carrier));
            }
        }
        return List.copyOf(out);
    }

    private static String bare(String ip) {
        int slash = ip.indexOf('/');
        return slash < 0 ? ip : ip.substring(0, slash);
    }
}
