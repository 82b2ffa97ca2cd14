package dev.virtwire.change;

import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/**
 * Builds and checks a libvirt network definition for a mode: the subnet must not overlap anything the host
 * already routes, the DHCP range must lie inside it, bridge and device names must exist (or be free).
 */
final class NetworkDefinitions {
    private final HostSnapshot s;

    NetworkDefinitions(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    /** Modes in which libvirt creates the network's bridge itself. */
    static boolean libvirtOwnsBridge(NetworkMode mode) {
        return mode == NetworkMode.NAT || mode == NetworkMode.ROUTE || mode == NetworkMode.OPEN
                || mode == NetworkMode.ISOLATED;
    }

    /** @param replacing the network this definition replaces (its own bridge and subnet do not conflict) */
    VirtualNetwork build(String name, NetworkMode mode, Optional<String> bridge, Optional<String> address,
                         Optional<DhcpRange> range, Optional<String> device, Optional<VirtualNetwork> replacing) {
        return build(name, mode, bridge, address, range, device, List.of(), replacing);
    }

    /** @param ips6 the IPv6 {@code <ip>}s, checked by {@link #ipv6} */
    VirtualNetwork build(String name, NetworkMode mode, Optional<String> bridge, Optional<String> address,
                         Optional<DhcpRange> range, Optional<String> device, List<NetworkIp> ips6,
                         Optional<VirtualNetwork> replacing) {
        if (!libvirtOwnsBridge(mode) && !ips6.isEmpty()) {
            throw new ChangeRefused("a " + mode.json() + " network has no IPv6 prefix of its own: the LAN provides "
                    + "it; leave it out (nat, route, open and isolated networks have one)");
        }
        if (libvirtOwnsBridge(mode)) {
            String cidr = address.orElseThrow(() -> new ChangeRefused("a " + mode.json() + " network needs the host's "
                    + "address on it with its prefix, e.g. 192.168.50.1/24"));
            Ipv4 subnet = Input.cidr(cidr, "the network's address");
            requireFree(subnet, replacing);
            List<DhcpRange> ranges = range.map(r -> List.of(checkRange(r, subnet))).orElse(List.of());
            if ((mode == NetworkMode.OPEN || mode == NetworkMode.ISOLATED) && device.isPresent()) {
                throw new ChangeRefused("a " + mode.json() + " network has no outgoing device; leave it out");
            }
            List<String> devices = device.map(d -> List.of(uplink(d).name())).orElse(List.of());
            String br = bridge.map(b -> freeBridge(b, replacing)).orElseGet(() -> replacing.flatMap(VirtualNetwork::bridge)
                    .filter(b -> libvirtOwnsBridge(replacing.get().mode())).orElseGet(this::nextBridgeName));
            return new VirtualNetwork(name, Optional.empty(), false, false, mode, Optional.of(br), devices,
                    List.of(new NetworkIp(subnet.toString(), ranges, List.of())), java.util.OptionalInt.empty(),
                    Optional.empty(), List.of(), ips6);
        }
        if (address.isPresent() || range.isPresent()) {
            throw new ChangeRefused("a " + mode.json() + " network has no address or DHCP of its own: the LAN "
                    + "provides them; leave them out");
        }
        if (mode == NetworkMode.BRIDGE && bridge.isPresent()) {
            // a bridge-mode network runs over an existing bridge
            Link br = new Lookup(s).bridge(bridge.get());
            s.networkOnBridge(br.name()).filter(n -> libvirtOwnsBridge(n.mode()))
                    .filter(n -> replacing.map(r -> !r.name().equals(n.name())).orElse(true)).ifPresent(n -> {
                        throw new ChangeRefused(br.name() + " belongs to libvirt network '" + n.name() + "'");
                    });
            return new VirtualNetwork(name, Optional.empty(), false, false, mode, Optional.of(br.name()), List.of(),
                    List.of());
        }
        if (mode == NetworkMode.BRIDGE || mode.isDirect()) {
            String dev = device.orElseThrow(() -> new ChangeRefused("a macvtap network (" + mode.json() + ") needs "
                    + "the host NIC its guests share (device)"));
            return new VirtualNetwork(name, Optional.empty(), false, false, mode, Optional.empty(),
                    List.of(uplink(dev).name()), List.of());
        }
        throw new ChangeRefused("Virtwire creates nat, route, open, isolated, bridge and macvtap (private, vepa, "
                + "passthrough) networks, not " + mode.json());
    }

    /**
     * A network's IPv6 {@code <ip>}: the host's address with its prefix, free on this host, and a DHCPv6 range in
     * it when given (libvirt's dnsmasq then serves DHCPv6 beside its router advertisements).
     */
    List<NetworkIp> ipv6(String address6, Optional<String> first, Optional<String> last,
                         Optional<VirtualNetwork> replacing) {
        IpAddress host = Ipv6Input.hostAddress(address6, "the network's IPv6 address");
        if (first.isPresent() != last.isPresent()) {
            throw new ChangeRefused("a DHCPv6 range needs both its first and its last address");
        }
        String own = replacing.map(VirtualNetwork::name).orElse("");
        for (VirtualNetwork n : s.networks()) {
            for (NetworkIp ip : n.ips6()) {
                if (!n.name().equals(own) && IpAddress.tryParse(ip.address()).filter(host::overlaps).isPresent()) {
                    throw new ChangeRefused(host.subnet() + " overlaps network " + n.name() + "'s " + ip.address()
                            + ": choose another prefix");
                }
            }
        }
        Optional<String> ownBridge = replacing.flatMap(VirtualNetwork::bridge);
        for (Link l : s.links()) {
            for (String a : l.addresses6()) {
                boolean mine = ownBridge.filter(l.name()::equals).isPresent();
                if (!mine && IpAddress.tryParse(a).filter(x -> !x.isLinkLocal() && x.overlaps(host)).isPresent()) {
                    throw new ChangeRefused(host.subnet() + " overlaps " + l.name() + "'s address " + a
                            + ": choose another prefix");
                }
            }
        }
        List<DhcpRange> ranges = first.map(f -> List.of(Ipv6Input.range(f, last.get(), host))).orElse(List.of());
        return List.of(new NetworkIp(host.toString(), ranges, List.of()));
    }

    private void requireFree(Ipv4 subnet, Optional<VirtualNetwork> replacing) {
        Optional<String> ownBridge = replacing.flatMap(VirtualNetwork::bridge);
        String own = replacing.map(VirtualNetwork::name).orElse("");
        for (VirtualNetwork n : s.networks()) {
            for (NetworkIp ip : n.ips()) {
                if (!n.name().equals(own) && Ipv4.parse(ip.address()).overlaps(subnet)) {
                    throw new ChangeRefused(subnet.network() + " overlaps network " + n.name() + "'s " + ip.address()
                            + ": choose another subnet");
                }
            }
        }
        for (Route r : s.routes()) {
            boolean mine = r.device().isPresent() && r.device().equals(ownBridge);
            if (!r.isDefault() && !mine && Ipv4.tryParse(r.destination()).filter(d -> d.overlaps(subnet)).isPresent()) {
                throw new ChangeRefused(subnet.network() + " overlaps the route to " + r.destination()
                        + r.device().map(d -> " on " + d).orElse("") + ": choose another subnet");
            }
        }
        for (Link l : s.links()) {
            for (String a : l.addresses()) {
                boolean mine = ownBridge.filter(l.name()::equals).isPresent();
                if (!mine && l.kind() != LinkKind.LOOPBACK && Ipv4.parse(a).overlaps(subnet)) {
                    throw new ChangeRefused(subnet.network() + " overlaps " + l.name() + "'s address " + a
                            + ": choose another subnet");
                }
            }
        }
    }

    private static DhcpRange checkRange(DhcpRange r, Ipv4 subnet) {
        Ipv4 first = Ipv4.parse(r.first());
        Ipv4 last = Ipv4.parse(r.last());
        long broadcast = subnet.network().address() | (~subnet.mask() & 0xFFFF_FFFFL);
        for (Ipv4 end : List.of(first, last)) {
            if (!subnet.contains(end) || end.address() == subnet.network().address() || end.address() == broadcast) {
                throw new ChangeRefused("the DHCP range " + r.first() + " - " + r.last() + " must lie inside "
                        + subnet.network() + ", between " + subnet.withAddress(subnet.network().address() + 1).ip()
                        + " and " + subnet.withAddress(broadcast - 1).ip());
            }
        }
        if (first.address() > last.address()) {
            throw new ChangeRefused("the DHCP range starts at " + r.first() + ", after its end " + r.last());
        }
        if (first.address() <= subnet.address() && subnet.address() <= last.address()) {
            throw new ChangeRefused("the DHCP range " + r.first() + " - " + r.last() + " includes the host's own "
                    + "address " + subnet.ip() + ": start or end it elsewhere");
        }
        return new DhcpRange(first.ip(), last.ip());
    }

    private Link uplink(String name) {
        Link l = new Lookup(s).hostNic(name);
        if (!dev.virtwire.model.Uplinks.of(s).leadsOffHost(l)) {
            throw new ChangeRefused(name + " is a " + l.kind().json() + " that does not lead off the host: use a "
                    + "physical NIC, or a bond or VLAN over one");
        }
        return l;
    }

    private String freeBridge(String name, Optional<VirtualNetwork> replacing) {
        Input.link(name, "bridge");
        boolean own = replacing.flatMap(VirtualNetwork::bridge).filter(name::equals).isPresent();
        if (!own && (s.link(name).isPresent() || s.networks().stream().anyMatch(n -> n.bridge().filter(name::equals)
                .isPresent()))) {
            throw new ChangeRefused("the bridge name " + name + " is taken: libvirt creates the bridge of a nat, "
                    + "route, open or isolated network itself; give a free name or none");
        }
        return name;
    }

    private String nextBridgeName() {
        for (int i = 0; ; i++) {
            String candidate = "virbr" + i;
            if (s.link(candidate).isEmpty() && s.networks().stream().noneMatch(n -> n.bridge().filter(candidate::equals)
                    .isPresent())) {
                return candidate;
            }
        }
    }
}
