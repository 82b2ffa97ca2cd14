package dev.virtwire.model;

/**
 * How a Linux bridge runs spanning tree: whether STP is on and the forward delay in seconds (2 to 30 with
 * STP; the kernel's default is 15).
 */
public record BridgeSettings(boolean stp, int forwardDelay) {
    public static final BridgeSettings KERNEL_DEFAULT = new BridgeSettings(false, 15);

    public BridgeSettings {
        if (forwardDelay < 0 || forwardDelay > 30) {
            throw new IllegalArgumentException(forwardDelay + " s is not a valid forward delay: use 0 to 30 "
                    + "(2 to 30 when STP is on)");
        }
        if (stp && forwardDelay < 2) {
            throw new IllegalArgumentException("with STP on the forward delay must be 2 to 30 s, not " + forwardDelay);
        }
    }
}
