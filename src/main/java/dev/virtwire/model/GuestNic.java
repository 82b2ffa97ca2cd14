package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A guest's network interface.
 *
 * @param source     network name (type network), bridge name (type bridge) or host device (type direct)
 * @param directMode macvtap mode of a direct NIC: bridge, vepa, private, passthrough
 * @param target     the host-side device (tap or macvtap) of a running guest, e.g. vnet3
 * @param linkUp     the virtual cable: {@code <link state='down'/>} unplugs it
 * @param addresses  its IPv4 addresses
 * @param addresses6 its IPv6 addresses, link-local ones included
 */
public record GuestNic(String mac, Optional<String> model, NicType type, Optional<String> source,
                       Optional<String> directMode, Optional<String> target, boolean linkUp,
                       List<Integer> vlans, List<GuestAddress> addresses, List<GuestAddress> addresses6) {

    public GuestNic {
        mac = Mac.normalize(mac);
        Objects.requireNonNull(type, "type");
        vlans = List.copyOf(vlans);
        addresses = List.copyOf(addresses);
        addresses6 = List.copyOf(addresses6);
    }

    /** A NIC without IPv6 addresses. */
    public GuestNic(String mac, Optional<String> model, NicType type, Optional<String> source,
                    Optional<String> directMode, Optional<String> target, boolean linkUp, List<Integer> vlans,
                    List<GuestAddress> addresses) {
        this(mac, model, type, source, directMode, target, linkUp, vlans, addresses, List.of());
    }

    public GuestNic withSource(NicType newType, String newSource) {
        return new GuestNic(mac, model, newType, Optional.of(newSource), newType == NicType.DIRECT ? directMode
                : Optional.empty(), target, linkUp, vlans, addresses, addresses6);
    }

    public GuestNic withLinkUp(boolean up) {
        return new GuestNic(mac, model, type, source, directMode, target, up, vlans, addresses, addresses6);
    }

    public GuestNic withTarget(Optional<String> newTarget) {
        return new GuestNic(mac, model, type, source, directMode, newTarget, linkUp, vlans, addresses, addresses6);
    }

    public GuestNic withAddresses(List<GuestAddress> newAddresses) {
        return new GuestNic(mac, model, type, source, directMode, target, linkUp, vlans, newAddresses, addresses6);
    }

    public GuestNic withAddresses6(List<GuestAddress> newAddresses6) {
        return new GuestNic(mac, model, type, source, directMode, target, linkUp, vlans, addresses, newAddresses6);
    }
}
