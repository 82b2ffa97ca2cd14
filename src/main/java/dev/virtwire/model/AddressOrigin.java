package dev.virtwire.model;

/**
 * Where a guest address was learnt: libvirt's DHCP (or DHCPv6) lease table, the guest agent, the host's ARP cache,
 * or the host's IPv6 neighbour table (NDP; where SLAAC addresses, which no lease records, show up).
 */
public enum AddressOrigin {
    LEASE, AGENT, ARP, NDP;

    public String json() {
        return Enums.json(this);
    }

    public static AddressOrigin fromJson(String value) {
        return Enums.parse(AddressOrigin.class, value, ARP);
    }
}
