package dev.virtwire.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Ethernet MAC addresses: validation and the one spelling the model uses (lower case, colons). */
public final class Mac {
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}");

    private Mac() {
    }

    public static boolean isValid(String text) {
        return text != null && MAC.matcher(text.trim()).matches();
    }

    /** Lower case with colons; throws with a message that says what is allowed. */
    public static String normalize(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address: expected six hex pairs "
                    + "separated by colons, e.g. 52:54:00:12:34:56");
        }
        return text.trim().toLowerCase(Locale.ROOT).replace('-', ':');
    }
}
