package dev.virtwire.model;

/** Where a guest address was learnt: libvirt's DHCP lease table, the guest agent, or the host's ARP cache. */
public enum AddressOrigin {
    LEASE, AGENT, ARP;

    public String json() {
        return Enums.json(this);
    }

    public static AddressOrigin fromJson(String value) {
        return Enums.parse(AddressOrigin.class, value, ARP);
    }
}
