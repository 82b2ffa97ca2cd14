package dev.virtwire.model;

/** A DHCP pool, first and last address included. */
public record DhcpRange(String first, String last) {
}
