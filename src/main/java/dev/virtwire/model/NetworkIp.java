package dev.virtwire.model;

import java.util.List;

/**
 * One {@code <ip>} of a libvirt network: the host side address of its bridge and its DHCP service (DHCPv6 for an
 * IPv6 one).
 *
 * @param address the host's address on the network, in CIDR form (192.168.122.1/24, 2001:db8:ca2:2::1/64)
 */
public record NetworkIp(String address, List<DhcpRange> dhcpRanges, List<DhcpHost> dhcpHosts) {

    public NetworkIp {
        dhcpRanges = List.copyOf(dhcpRanges);
        dhcpHosts = List.copyOf(dhcpHosts);
    }

    public boolean hasDhcp() {
        return !dhcpRanges.isEmpty() || !dhcpHosts.isEmpty();
    }
}
