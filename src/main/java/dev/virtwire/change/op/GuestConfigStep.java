package dev.virtwire.change.op;

import dev.virtwire.host.Scope;

/**
 * A step that changes a guest whose saved config it may change too ({@link Scope#config()}): a snapshot shows
 * the running guest only, so the executor checks the saved half on the guest's saved config as well.
 */
public interface GuestConfigStep {
    /** The guest the step changes. */
    String guest();

    /** Whether the running guest, its saved config, or both change. */
    Scope scope();
}
