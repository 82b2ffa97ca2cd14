package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One link's IPv6 switches, {@code net.ipv6.conf.NAME.*}; empty where the value could not be read.
 *
 * @param name        the link, or {@code all} (writing it sets every link) or {@code default} (for links made later)
 * @param forwarding  whether the link routes IPv6; forwarding on makes the kernel ignore router advertisements
 *                    unless {@code acceptRa} is 2
 * @param acceptRa    0: ignore router advertisements, 1: accept them unless forwarding, 2: accept them even then
 * @param disabled    {@code disable_ipv6}: the link has no IPv6 at all, not even a link-local address
 */
public record Ipv6Conf(String name, Optional<Boolean> forwarding, OptionalInt acceptRa, Optional<Boolean> disabled) {

    public Ipv6Conf {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(acceptRa, "acceptRa");
        Objects.requireNonNull(disabled, "disabled");
    }
}
