package dev.virtwire.model;

/** An address a guest NIC uses, in CIDR form when the prefix is known (192.168.122.50/24). */
public record GuestAddress(String ip, AddressOrigin origin) {
}
