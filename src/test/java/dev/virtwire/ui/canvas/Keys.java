package dev.virtwire.ui.canvas;

import dev.virtwire.model.Id;
import java.util.Optional;

/** Canvas keys in tests, written as the ids they print as ("guest:web1"), read by the one id parser. */
public final class Keys {
    private Keys() {
    }

    public static Id.Node id(String text) {
        return Id.tryParseNode(text).orElseThrow(() -> new IllegalArgumentException(text + " is no node id"));
    }

    public static BoxKey key(String text) {
        return BoxKey.of(id(text));
    }

    /** The group of guests that hang from this node's box. */
    public static BoxKey guestsOf(String text) {
        return new BoxKey.Guests(Optional.of(id(text)));
    }
}
