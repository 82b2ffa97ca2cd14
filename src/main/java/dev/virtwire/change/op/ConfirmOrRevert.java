package dev.virtwire.change.op;

import dev.virtwire.host.Host;

/**
 * The first step of a change that the host takes back by itself unless the user confirms in time: Virtwire's
 * own watchdog, or NetworkManager's checkpoint.
 */
public sealed interface ConfirmOrRevert permits RevertWatchdogOp, CheckpointOp {
    String id();

    int seconds();

    /** True for the step that arms it (its inverse disarms). */
    boolean arm();

    /** Keeps the change: false when it is too late (the host already took it back). */
    boolean disarm(Host host);
}
