package dev.virtwire.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route of the host's main table.
 *
 * @param destination {@code default} or a CIDR
 */
public record Route(String destination, Optional<String> gateway, Optional<String> device, OptionalInt metric) {

    public boolean isDefault() {
        return destination.equals("default") || destination.equals("0.0.0.0/0");
    }
}
