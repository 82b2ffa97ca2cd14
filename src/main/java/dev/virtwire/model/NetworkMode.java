package dev.virtwire.model;

/**
 * A libvirt network's forward mode. ISOLATED is libvirt's network without a {@code <forward>} element;
 * BRIDGE covers both "bridge over an existing Linux bridge" and the macvtap flavour with a device pool.
 */
public enum NetworkMode {
    NAT, ROUTE, OPEN, ISOLATED, BRIDGE, PRIVATE, VEPA, PASSTHROUGH, HOSTDEV;

    public String json() {
        return Enums.json(this);
    }

    public static NetworkMode fromJson(String value) {
        return Enums.parse(NetworkMode.class, value, ISOLATED);
    }

    /** Modes in which guests attach through macvtap on a host NIC rather than through a bridge. */
    public boolean isDirect() {
        return this == PRIVATE || this == VEPA || this == PASSTHROUGH;
    }
}
