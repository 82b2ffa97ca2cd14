package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A libvirt virtual network.
 *
 * @param bridge  the Linux bridge that libvirt creates (nat/route/open/isolated) or uses (bridge mode)
 * @param devices the host NICs of a macvtap/hostdev device pool, or the NAT/route outgoing device
 * @param ips     the IPv4 {@code <ip>}s (the key {@code ips} has always meant IPv4 only)
 * @param mtu     the {@code <mtu size>} libvirt gives the bridge and taps, when set
 * @param ips6    the IPv6 {@code <ip family='ipv6'>}s: prefixes with their DHCPv6 ranges and hosts
 * @param leases  what its DHCP server has handed out and not yet taken back (a running network's, else none)
 */
public record VirtualNetwork(String name, Optional<String> uuid, boolean active, boolean autostart,
                             NetworkMode mode, Optional<String> bridge, List<String> devices,
                             List<NetworkIp> ips, OptionalInt mtu, Optional<Bandwidth> bandwidth,
                             List<Portgroup> portgroups, List<NetworkIp> ips6, List<DhcpLease> leases) {

    public VirtualNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        devices = List.copyOf(devices);
        ips = List.copyOf(ips);
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(bandwidth, "bandwidth");
        portgroups = List.copyOf(portgroups);
        ips6 = List.copyOf(ips6);
        // null: a network from a journal written before leases were read (they are never journaled)
        leases = leases == null ? List.of() : List.copyOf(leases);
    }

    /** A network as its definition describes it, without leases (what most callers build). */
    public VirtualNetwork(String name, Optional<String> uuid, boolean active, boolean autostart, NetworkMode mode,
                          Optional<String> bridge, List<String> devices, List<NetworkIp> ips, OptionalInt mtu,
                          Optional<Bandwidth> bandwidth, List<Portgroup> portgroups, List<NetworkIp> ips6) {
        this(name, uuid, active, autostart, mode, bridge, devices, ips, mtu, bandwidth, portgroups, ips6, List.of());
    }

    /** An IPv4-only network (what callers that predate IPv6 build). */
    public VirtualNetwork(String name, Optional<String> uuid, boolean active, boolean autostart, NetworkMode mode,
                          Optional<String> bridge, List<String> devices, List<NetworkIp> ips, OptionalInt mtu,
                          Optional<Bandwidth> bandwidth, List<Portgroup> portgroups) {
        this(name, uuid, active, autostart, mode, bridge, devices, ips, mtu, bandwidth, portgroups, List.of());
    }

    /** A network without MTU, bandwidth or portgroups (the common case, and what older callers build). */
    public VirtualNetwork(String name, Optional<String> uuid, boolean active, boolean autostart, NetworkMode mode,
                          Optional<String> bridge, List<String> devices, List<NetworkIp> ips) {
        this(name, uuid, active, autostart, mode, bridge, devices, ips, OptionalInt.empty(), Optional.empty(),
                List.of());
    }

    public VirtualNetwork withActive(boolean nowActive) {
        return new VirtualNetwork(name, uuid, nowActive, autostart, mode, bridge, devices, ips, mtu, bandwidth,
                portgroups, ips6, leases);
    }

    public VirtualNetwork withMode(NetworkMode newMode) {
        return new VirtualNetwork(name, uuid, active, autostart, newMode, bridge, devices, ips, mtu, bandwidth,
                portgroups, ips6, leases);
    }

    public VirtualNetwork withIps(List<NetworkIp> newIps) {
        return new VirtualNetwork(name, uuid, active, autostart, mode, bridge, devices, newIps, mtu, bandwidth,
                portgroups, ips6, leases);
    }

    public VirtualNetwork withLeases(List<DhcpLease> newLeases) {
        return new VirtualNetwork(name, uuid, active, autostart, mode, bridge, devices, ips, mtu, bandwidth,
                portgroups, ips6, newLeases);
    }

    /** Whether it runs a DHCP server for either family, and so may have leases. */
    public boolean servesDhcp() {
        return ips.stream().anyMatch(NetworkIp::hasDhcp) || ips6.stream().anyMatch(NetworkIp::hasDhcp);
    }

    /** Whether libvirt creates this network's bridge itself when it starts it (NAT, routed, open, isolated). */
    public boolean makesItsBridge() {
        return switch (mode) {
            case NAT, ROUTE, OPEN, ISOLATED -> true;
            default -> false;
        };
    }
}
