package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/** A libvirt {@code <bandwidth>}: traffic shaping towards the guests (inbound) and from them (outbound). */
public record Bandwidth(Optional<BandwidthLimit> inbound, Optional<BandwidthLimit> outbound) {

    public Bandwidth {
        Objects.requireNonNull(inbound, "inbound");
        Objects.requireNonNull(outbound, "outbound");
    }
}
