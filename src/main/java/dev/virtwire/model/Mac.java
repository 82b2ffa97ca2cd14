package dev.virtwire.model;

import java.util.Locale;

/** Ethernet MAC addresses: validation and the one spelling the model uses (lower case, colons). */
public final class Mac {
    private Mac() {
    }

    /** Six hex pairs, each after the first led by ':' or '-'. Checked by hand: it runs for every NIC and link. */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        String mac = text.trim();
        if (mac.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = mac.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' || c == '-' : hex(c);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
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
