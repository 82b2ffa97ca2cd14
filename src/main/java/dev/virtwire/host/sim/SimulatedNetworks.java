package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.host.Scope;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** libvirt network definitions and DHCP reservations of the simulated host, refused as libvirt refuses them. */
final class SimulatedNetworks {
    private SimulatedNetworks() {
    }

    /** A new network's definition as libvirt stores it: inactive, with a UUID and (if it needs one) a bridge name. */
    static VirtualNetwork completeNew(HostSnapshot s, VirtualNetwork def) {
        String uuid = def.uuid().orElseGet(() -> UUID.nameUUIDFromBytes(def.name().getBytes(StandardCharsets.UTF_8))
                .toString());
        Optional<String> bridge = def.bridge().isPresent() || !createsBridge(def.mode()) ? def.bridge()
                : Optional.of(freeBridgeName(s));
        return new VirtualNetwork(def.name(), Optional.of(uuid), false, def.autostart(), def.mode(), bridge,
                def.devices(), def.ips(), def.mtu(), def.bandwidth(), def.portgroups(), def.ips6());
    }

    /** Modes in which libvirt creates (and removes) the network's bridge itself. */
    static boolean createsBridge(NetworkMode mode) {
        return mode == NetworkMode.NAT || mode == NetworkMode.ROUTE || mode == NetworkMode.OPEN
                || mode == NetworkMode.ISOLATED;
    }

    static HostSnapshot undefine(HostSnapshot s, String name) {
        VirtualNetwork n = require(s, name);
        if (n.active()) {
            throw new HostException("network '" + name + "' is active: stop it first (virsh net-destroy " + name + ")");
        }
        return s.withNetworks(s.networks().stream().filter(x -> !x.name().equals(name)).toList());
    }

    static HostSnapshot add(HostSnapshot s, VirtualNetwork def) {
        return s.withNetworks(Stream.concat(s.networks().stream(), Stream.of(def)).toList());
    }

    static HostSnapshot setDhcpHost(HostSnapshot s, String name, DhcpHost host, boolean present, Scope scope) {
        VirtualNetwork n = require(s, name);
        if (scope.live() && !n.active()) {
            throw new HostException("network '" + name + "' is not active: change only its stored definition "
                    + "(--config) or start it first");
        }
        boolean six = dev.virtwire.model.IpAddress.tryParse(host.ip())
                .filter(a -> a.family() == dev.virtwire.model.IpAddress.Family.IPV6).isPresent();
        List<NetworkIp> family = six ? n.ips6() : n.ips();
        NetworkIp subnet = family.stream().filter(i -> dev.virtwire.model.IpAddress.parse(i.address())
                        .contains(dev.virtwire.model.IpAddress.parse(host.ip()))).findFirst()
                .orElseThrow(() -> new HostException(host.ip() + " is not in a subnet of network '" + name + "'"));
        List<DhcpHost> hosts = new ArrayList<>(subnet.dhcpHosts());
        if (present) {
            hosts.stream().filter(h -> h.ip().equals(host.ip()) || (h.mac().isPresent() && h.mac().equals(host.mac()))
                            || (h.id().isPresent() && h.id().equals(host.id())))
                    .findFirst().ifPresent(h -> {
                        throw new HostException("there is an existing dhcp host entry in network '" + name
                                + "' that matches " + h.mac().or(h::id).orElse("") + " " + h.ip());
                    });
            hosts.add(host);
        } else if (!hosts.remove(host)) {
            throw new HostException("network '" + name + "' has no DHCP reservation " + host.mac().or(host::id)
                    .orElse("") + " -> " + host.ip());
        }
        NetworkIp changed = new NetworkIp(subnet.address(), subnet.dhcpRanges(), hosts);
        if (six) {
            return s.updateNetwork(name, x -> new VirtualNetwork(x.name(), x.uuid(), x.active(), x.autostart(),
                    x.mode(), x.bridge(), x.devices(), x.ips(), x.mtu(), x.bandwidth(), x.portgroups(),
                    x.ips6().stream().map(i -> i == subnet ? changed : i).toList()));
        }
        return s.updateNetwork(name, x -> x.withIps(x.ips().stream().map(i -> i == subnet ? changed : i).toList()));
    }

    static VirtualNetwork require(HostSnapshot s, String name) {
        return s.network(name).orElseThrow(() -> new HostException("there is no libvirt network named '" + name + "'"));
    }

    private static String freeBridgeName(HostSnapshot s) {
        for (int i = 0; ; i++) {
            String candidate = "virbr" + i;
            boolean used = s.link(candidate).isPresent()
                    || s.networks().stream().anyMatch(n -> n.bridge().filter(candidate::equals).isPresent());
            if (!used) {
                return candidate;
            }
        }
    }
}
