package dev.virtwire.ui.canvas;

import java.util.Optional;

/**
 * What happens when a guest card or a NIC port is dropped on a box. The canvas only asks and lights up
 * targets; the window decides (through the change layer) what a drop means.
 */
public interface DropHandler {

    /** Whether the box is a place things can be dropped on at all (bridges, networks, host NICs). */
    boolean isTarget(DiagramNode box);

    /** Empty when the dragged element (a guest card or a NIC port) may be dropped on the box; otherwise why not. */
    Optional<String> refusal(BoxKey dragged, DiagramNode box);

    void drop(BoxKey dragged, DiagramNode box);

    /** A drop on a box that refused it; the reason is what {@link #refusal} said. */
    void refused(BoxKey dragged, DiagramNode box, String reason);

    DropHandler NONE = new DropHandler() {
        @Override
        public boolean isTarget(DiagramNode box) {
            return false;
        }

        @Override
        public Optional<String> refusal(BoxKey dragged, DiagramNode box) {
            return Optional.of("");
        }

        @Override
        public void drop(BoxKey dragged, DiagramNode box) {
        }

        @Override
        public void refused(BoxKey dragged, DiagramNode box, String reason) {
        }
    };
}
