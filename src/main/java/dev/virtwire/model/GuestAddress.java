package dev.virtwire.model;

/**
 * An address a guest NIC uses, in CIDR form when the prefix is known (192.168.122.50/24, 2001:db8:ca2:2::50/64;
 * IPv6 ones canonical: compressed, lower case).
 */
public record GuestAddress(String ip, AddressOrigin origin) {
}
