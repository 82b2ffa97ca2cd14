package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A link as a slave of a bond.
 *
 * @param state        {@code ACTIVE} or {@code BACKUP}, as the bond sees it
 * @param miiStatus    the carrier the bond's link monitor saw: {@code UP}, {@code DOWN}, {@code GOING_DOWN}...
 * @param linkFailures how many times the bond saw this slave lose its link
 */
public record BondSlave(Optional<String> state, Optional<String> miiStatus, OptionalInt linkFailures) {
    public BondSlave {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(miiStatus, "miiStatus");
        Objects.requireNonNull(linkFailures, "linkFailures");
    }

    /** Whether the bond's monitor sees a carrier on this slave (unknown counts as up: no claim without proof). */
    public boolean carrier() {
        return miiStatus.map("UP"::equals).orElse(true);
    }
}
