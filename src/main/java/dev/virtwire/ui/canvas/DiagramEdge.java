package dev.virtwire.ui.canvas;

import java.util.Optional;

/**
 * A line between two boxes (or a guest NIC port and a box). {@code from} is the lower end (guest side),
 * {@code to} the upper end (towards the outside).
 */
public record DiagramEdge(BoxKey from, BoxKey to, Style style, Optional<String> label) {

    public enum Style {
        /** a working connection (a port of a bridge, an uplink) */
        WIRE,
        /** configured but not running: a shut-off guest's NIC, a device pool member */
        CONFIGURED,
        /** configured one way, wired another (or not at all): worth the user's attention */
        BROKEN
    }

    /** The line's identity: one line between two ends, whatever its style. */
    public record Ends(BoxKey from, BoxKey to) {
    }

    public Ends ends() {
        return new Ends(from, to);
    }
}
