package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A bond's own settings, as {@code ip -d link} reports them.
 *
 * @param mode        the kernel's name for the mode: {@code balance-rr}, {@code active-backup}, {@code 802.3ad}...
 * @param activeSlave the slave that carries the traffic (active-backup and the like)
 * @param partnerMac  802.3ad: the MAC of the switch LACP negotiated with; all zeros when nothing answered
 */
public record Bond(String mode, Optional<String> activeSlave, Optional<String> partnerMac) {
    public static final String LACP = "802.3ad";
    private static final String NO_PARTNER = "00:00:00:00:00:00";

    public Bond {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(activeSlave, "activeSlave");
        partnerMac = partnerMac.map(Mac::normalize);
    }

    /** 802.3ad needs the switch to take part: a LACP partner that never answered leaves it at zeros. */
    public boolean lacpWithoutPartner() {
        return mode.equals(LACP) && partnerMac.map(NO_PARTNER::equals).orElse(false);
    }
}
