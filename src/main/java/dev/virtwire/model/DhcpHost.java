package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A DHCP reservation: this MAC (or name) always gets this address. A DHCPv6 one names its client by
 * {@code id}, the client's DUID, since DHCPv6 clients are not known by MAC.
 */
public record DhcpHost(Optional<String> mac, String ip, Optional<String> name, Optional<String> id) {

    public DhcpHost {
        mac = mac.map(Mac::normalize);
        Objects.requireNonNull(id, "id");
    }

    /** A DHCPv4 reservation. */
    public DhcpHost(Optional<String> mac, String ip, Optional<String> name) {
        this(mac, ip, name, Optional.empty());
    }
}
