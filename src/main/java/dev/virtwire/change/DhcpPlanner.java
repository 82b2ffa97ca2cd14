package dev.virtwire.change;

import dev.virtwire.change.op.DhcpHostOp;
import dev.virtwire.host.Scope;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Plans DHCP reservations of libvirt networks, live and persistent: MAC -> IPv4 address, and DHCPv6's DUID (or
 * host name) -> IPv6 address on the network's IPv6 {@code <ip>}.
 */
final class DhcpPlanner {
    private final HostSnapshot s;

    DhcpPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    Plan add(NetworkIntent.AddDhcpHost i) {
        if (IpAddress.tryParse(i.ip()).filter(a -> a.family() == IpAddress.Family.IPV6).isPresent()) {
            return addIpv6(i);
        }
        VirtualNetwork n = network(i.network(), false);
        String mac = Input.mac(i.client());
        Ipv4 ip = Ipv4.parse(Input.address(i.ip(), "the reserved address"));
        Optional<String> name = i.name().map(Input::hostName);
        NetworkIp subnet = n.ips().stream().filter(x -> Ipv4.parse(x.address()).contains(ip)).findFirst()
                .orElseThrow(() -> new ChangeRefused(ip.ip() + " is outside network " + n.name() + "'s subnets "
                        + n.ips().stream().map(NetworkIp::address).toList() + ": reserve an address inside one"));
        Ipv4 host = Ipv4.parse(subnet.address());
        long broadcast = host.network().address() | (~host.mask() & 0xFFFF_FFFFL);
        if (ip.address() == host.address() || ip.address() == host.network().address() || ip.address() == broadcast) {
            throw new ChangeRefused(ip.ip() + " is the host's, the subnet's or the broadcast address of "
                    + host.network() + ": reserve a guest address");
        }
        for (DhcpHost existing : subnet.dhcpHosts()) {
            if (existing.ip().equals(ip.ip()) || existing.mac().filter(mac::equals).isPresent()) {
                throw new ChangeRefused("network " + n.name() + " already reserves " + existing.ip() + " for "
                        + existing.mac().orElse("?") + ": remove that reservation first");
            }
        }
        DhcpHost reservation = new DhcpHost(Optional.of(mac), ip.ip(), name);
        return new Plan(i, i.describe(), List.of(new DhcpHostOp(n.name(), reservation, true, scope(n))));
    }

    /** libvirt names a DHCPv6 client by DUID ({@code id}) or name, never by MAC. */
    private Plan addIpv6(NetworkIntent.AddDhcpHost i) {
        VirtualNetwork n = network(i.network(), true);
        IpAddress ip = Ipv6Input.single(i.ip(), "the reserved address");
        Optional<String> id = Ipv6Input.looksLikeDuid(i.client()) ? Optional.of(Ipv6Input.duid(i.client()))
                : Optional.empty();
        if (id.isEmpty() && i.name().filter(given -> !given.equals(i.client())).isPresent()) {
            throw new ChangeRefused("a DHCPv6 reservation without DUID is named by the client's host name alone: give "
                    + "the DUID (e.g. 00:03:00:01:52:54:00:3a:10:01) with --name " + i.name().get() + ", or the name "
                    + "once");
        }
        Optional<String> name = id.isPresent() ? i.name().map(Input::hostName)
                : Optional.of(Input.hostName(i.client()));
        int index = 0;
        for (NetworkIp prefix : n.ips6()) {
            IpAddress host = IpAddress.parse(prefix.address());
            if (host.contains(ip)) {
                if (ip.ip().equals(host.ip()) || ip.value().isZeroHost(host.prefix())) {
                    throw new ChangeRefused(ip.ip() + " is the host's or the prefix's own address in " + host.subnet()
                            + ": reserve a guest address");
                }
                for (DhcpHost existing : prefix.dhcpHosts()) {
                    if (existing.ip().equals(ip.ip()) || (id.isPresent() && existing.id().equals(id))
                            || (id.isEmpty() && existing.name().equals(name))) {
                        throw new ChangeRefused("network " + n.name() + " already reserves " + existing.ip() + " for "
                                + client(existing) + ": remove that reservation first");
                    }
                }
                DhcpHost reservation = new DhcpHost(Optional.empty(), ip.ip(), name, id);
                // libvirt counts a network's <ip>s in their order; Virtwire defines the IPv4 ones first
                return new Plan(i, i.describe(), List.of(new DhcpHostOp(n.name(), reservation, true, scope(n),
                        Optional.of(n.ips().size() + index))));
            }
            index++;
        }
        throw new ChangeRefused(ip.ip() + " is outside network " + n.name() + "'s IPv6 prefixes " + n.ips6().stream()
                .map(x -> IpAddress.parse(x.address()).subnet().toString()).toList() + ": reserve an address inside one");
    }

    Plan remove(NetworkIntent.RemoveDhcpHost i) {
        VirtualNetwork n = new Lookup(s).network(i.network());
        String client = i.client().trim();
        Optional<String> mac = dev.virtwire.model.Mac.isValid(client) ? Optional.of(Input.mac(client))
                : Optional.empty();
        if (mac.isPresent()) {
            List<DhcpHost> all = n.ips().stream().flatMap(x -> x.dhcpHosts().stream()).toList();
            DhcpHost reservation = all.stream().filter(h -> h.mac().equals(mac)).findFirst()
                    .orElseThrow(() -> noReservation(n, client));
            return new Plan(i, i.describe(), List.of(new DhcpHostOp(n.name(), reservation, false, scope(n))));
        }
        Optional<String> id = Ipv6Input.looksLikeDuid(client) ? Optional.of(Ipv6Input.duid(client)) : Optional.empty();
        for (int k = 0; k < n.ips6().size(); k++) {
            for (DhcpHost h : n.ips6().get(k).dhcpHosts()) {
                if (id.isPresent() ? h.id().equals(id) : h.id().isEmpty() && h.name().filter(client::equals).isPresent()) {
                    return new Plan(i, i.describe(), List.of(new DhcpHostOp(n.name(), h, false, scope(n),
                            Optional.of(n.ips().size() + k))));
                }
            }
        }
        throw noReservation(n, client);
    }

    private static ChangeRefused noReservation(VirtualNetwork n, String client) {
        List<String> all = Stream.concat(n.ips().stream(), n.ips6().stream()).flatMap(x -> x.dhcpHosts().stream())
                .map(h -> client(h) + " -> " + h.ip()).toList();
        return new ChangeRefused("network " + n.name() + " has no reservation for " + client + "; its reservations: "
                + (all.isEmpty() ? "none" : all) + " (name one by its MAC, DUID or, for a DHCPv6 one without DUID, "
                + "host name)");
    }

    /** How a reservation names its client: MAC, DUID, else host name. */
    private static String client(DhcpHost h) {
        return h.mac().or(h::id).or(h::name).orElse("?");
    }

    /** libvirt refuses --live on an inactive network. */
    private static Scope scope(VirtualNetwork n) {
        return n.active() ? Scope.BOTH : Scope.CONFIG;
    }

    private VirtualNetwork network(String name, boolean six) {
        VirtualNetwork n = new Lookup(s).network(name);
        List<NetworkIp> ips = six ? n.ips6() : n.ips();
        if (ips.stream().noneMatch(NetworkIp::hasDhcp)) {
            throw new ChangeRefused("network " + name + " has no " + (six ? "DHCPv6" : "DHCP") + " service (it is "
                    + n.mode().json() + (ips.isEmpty() ? six ? " without an IPv6 prefix" : " without a subnet"
                    : six ? " without a DHCPv6 range" : " without a DHCP range") + ")"
                    + (six ? ": give it one first, e.g. virtwire network mode " + name + " " + n.mode().json()
                    + " --dhcp6 FIRST-LAST" : ""));
        }
        return n;
    }
}
