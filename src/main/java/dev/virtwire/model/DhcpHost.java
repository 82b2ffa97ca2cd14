package dev.virtwire.model;

import java.util.Optional;

/** A DHCP reservation: this MAC (or name) always gets this address. */
public record DhcpHost(Optional<String> mac, String ip, Optional<String> name) {

    public DhcpHost {
        mac = mac.map(Mac::normalize);
    }
}
