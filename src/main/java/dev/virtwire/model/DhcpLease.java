package dev.virtwire.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An address a libvirt network's DHCP server has handed out, as libvirt lists it (virsh net-dhcp-leases): it holds
 * the address until it expires, whether the guest that asked still runs or not.
 *
 * @param ip       the address with its prefix (192.168.122.45/24, fd00::45/64)
 * @param expires  when the lease ends; empty for a lease that never does
 * @param hostname the name the client gave, when it gave one
 */
public record DhcpLease(String mac, String ip, Optional<Instant> expires, Optional<String> hostname) {

    public DhcpLease {
        mac = Mac.normalize(Objects.requireNonNull(mac, "mac"));
        IpAddress.parse(Objects.requireNonNull(ip, "ip")); // refused with what an address looks like
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(hostname, "hostname");
    }

    /** The address without its prefix. */
    public String address() {
        int slash = ip.indexOf('/');
        return slash < 0 ? ip : ip.substring(0, slash);
    }

    public boolean isIpv6() {
        return ip.contains(":");
    }
}
