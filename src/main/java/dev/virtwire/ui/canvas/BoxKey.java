package dev.virtwire.ui.canvas;

import dev.virtwire.model.Id;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a box or a NIC port on the canvas stands for: an element of the host's topology, or a group of them that
 * only the canvas makes. Boxes are found, selected and opened by this key and told apart by its type.
 */
public sealed interface BoxKey {

    /** Keys in the order of their text, so that a layout's ties fall the same way every time. */
    Comparator<BoxKey> BY_TEXT = Comparator.comparing(BoxKey::text);

    /**
     * How the key is saved with the user's box positions and shown in CSS ids: the element's id, or
     * {@code group:} and what the group hangs from.
     */
    String text();

    static BoxKey of(Id.Node id) {
        return new Element(id);
    }

    /** The box of one topology element (a guest NIC's key names its port on the guest's card). */
    record Element(Id.Node id) implements BoxKey {
        @Override
        public String text() {
            return id.text();
        }
    }

    /** The guests that hang from one box (or from none), drawn as one box until opened. */
    record Guests(Optional<Id.Node> home) implements BoxKey {
        @Override
        public String text() {
            return "group:" + home.map(Id::text).orElse("none");
        }
    }

    /** The bridges, veths and taps nothing of the guests' world reaches (a container host's). */
    record OtherLinks() implements BoxKey {
        @Override
        public String text() {
            return "group:other-links";
        }
    }
}
