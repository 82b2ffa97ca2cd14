package dev.virtwire.host;

import dev.virtwire.model.NicType;

/** Guest NICs, changed through libvirt: where a NIC is plugged in, and its virtual cable. */
public interface GuestNics {

    /** Points a guest NIC at another network, bridge or host device, keeping its MAC, model and PCI address. */
    void attachNic(String guest, String mac, NicType type, String source, Scope scope);

    /** Plugs or unplugs a guest NIC's virtual cable. */
    void setNicLink(String guest, String mac, boolean up, Scope scope);

    /**
     * Gives a guest NIC a new MAC, keeping its model, PCI address and where it is plugged in: on the running guest by
     * unplugging it and plugging it in again (the guest sees that), in its saved config by the same two steps.
     */
    void setNicMac(String guest, String mac, String newMac, Scope scope);
}
