package dev.virtwire.change;

import dev.virtwire.change.op.DhcpHostOp;
import dev.virtwire.host.Scope;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/** Plans DHCP reservations (MAC -> address) of libvirt networks, live and persistent. */
final class DhcpPlanner {
    private final HostSnapshot s;

    DhcpPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    Plan add(Intent.AddDhcpHost i) {
        VirtualNetwork n = network(i.network());
        String mac = Input.mac(i.mac());
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

    Plan remove(Intent.RemoveDhcpHost i) {
        VirtualNetwork n = network(i.network());
        String mac = Input.mac(i.mac());
        List<DhcpHost> all = n.ips().stream().flatMap(x -> x.dhcpHosts().stream()).toList();
        DhcpHost reservation = all.stream().filter(h -> h.mac().filter(mac::equals).isPresent()).findFirst()
                .orElseThrow(() -> new ChangeRefused("network " + n.name() + " has no reservation for " + mac
                        + "; its reservations: " + (all.isEmpty() ? "none" : all.stream()
                        .map(h -> h.mac().orElse("?") + " -> " + h.ip()).toList())));
        return new Plan(i, i.describe(), List.of(new DhcpHostOp(n.name(), reservation, false, scope(n))));
    }

    /** libvirt refuses --live on an inactive network. */
    private static Scope scope(VirtualNetwork n) {
        return n.active() ? Scope.BOTH : Scope.CONFIG;
    }

    private VirtualNetwork network(String name) {
        VirtualNetwork n = new Lookup(s).network(name);
        if (n.ips().stream().noneMatch(NetworkIp::hasDhcp)) {
            throw new ChangeRefused("network " + name + " has no DHCP service (it is " + n.mode().json()
                    + (n.ips().isEmpty() ? " without a subnet" : " without a DHCP range") + ")");
        }
        return n;
    }
}
