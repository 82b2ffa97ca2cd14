package dev.virtwire.model;

import java.util.List;

/**
 * The IPv4 addressing a manager gives a link at boot.
 *
 * @param dhcp  whether it asks a DHCP server (the address it gets cannot be known in advance)
 * @param fixed static addresses in CIDR form
 */
public record SavedAddresses(boolean dhcp, List<String> fixed) {
    public SavedAddresses {
        fixed = List.copyOf(fixed);
    }

    public static SavedAddresses none() {
        return new SavedAddresses(false, List.of());
    }

    public static SavedAddresses byDhcp() {
        return new SavedAddresses(true, List.of());
    }

    public static SavedAddresses of(List<String> fixed) {
        return new SavedAddresses(false, fixed);
    }

    public SavedAddresses withDhcp(boolean on) {
        return new SavedAddresses(on, fixed);
    }
}
