package dev.virtwire.model;

import java.util.OptionalInt;

/**
 * How a Linux bridge forwards: spanning tree delays a new port's traffic by the forward delay (twice),
 * which looks like "the guest has no network for 30 s".
 *
 * @param forwardDelay in centiseconds, as the kernel reports it (1500 = 15 s)
 */
public record BridgeSettings(boolean stp, OptionalInt forwardDelay, boolean vlanFiltering) {
    private static final int KERNEL_DEFAULT_DELAY = 1500;

    /** What `ip link add NAME type bridge` gives: no STP, 15 s forward delay. */
    public static final BridgeSettings KERNEL_DEFAULT =
            new BridgeSettings(false, OptionalInt.of(KERNEL_DEFAULT_DELAY), false);

    /** Settings for a new bridge, as a user gives them: forward delay in seconds, 0 to 30 (2 to 30 with STP). */
    public static BridgeSettings forNewBridge(boolean stp, int forwardDelaySeconds) {
        if (forwardDelaySeconds < 0 || forwardDelaySeconds > 30) {
            throw new IllegalArgumentException(forwardDelaySeconds + " s is not a valid forward delay: use 0 to 30 "
                    + "(2 to 30 when STP is on)");
        }
        if (stp && forwardDelaySeconds < 2) {
            throw new IllegalArgumentException("with STP on the forward delay must be 2 to 30 s, not "
                    + forwardDelaySeconds);
        }
        return new BridgeSettings(stp, OptionalInt.of(forwardDelaySeconds * 100), false);
    }

    /** The forward delay in centiseconds, the kernel's default when it could not be read. */
    public int forwardDelayOrDefault() {
        return forwardDelay.orElse(KERNEL_DEFAULT_DELAY);
    }
}
