package dev.virtwire.ui.canvas;

import java.util.List;
import java.util.Locale;

/**
 * How a box differs from what the host's network manager saved: runs but is gone after a reboot, runs otherwise
 * than saved, or is saved (and starts at boot) but does not run. Drawn as an amber icon in the box's header and
 * one amber line under it; the hover text lists every difference.
 *
 * @param line  the line under the title, e.g. "gone after reboot", "not as saved: mtu 1400 (saved 1500)"
 * @param hover every fact behind the mark, one per line
 */
public record SavedMark(Kind kind, String line, List<String> hover) {
    public enum Kind {
        GONE_AFTER_REBOOT, NOT_AS_SAVED, SAVED_NOT_RUNNING;

        /** The CSS class of a box so marked, e.g. {@code saved-gone-after-reboot}. */
        public String style() {
            return "saved-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public SavedMark {
        hover = List.copyOf(hover);
    }
}
