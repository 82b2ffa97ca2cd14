package dev.virtwire.model;

import java.util.OptionalInt;

/**
 * How a Linux bridge forwards: spanning tree delays a new port's traffic by the forward delay (twice),
 * which looks like "the guest has no network for 30 s".
 *
 * @param forwardDelay in centiseconds, as the kernel reports it (1500 = 15 s)
 */
public record BridgeSettings(boolean stp, OptionalInt forwardDelay, boolean vlanFiltering) {
}
