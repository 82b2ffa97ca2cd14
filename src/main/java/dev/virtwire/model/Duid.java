package dev.virtwire.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DHCPv6 client's DUID (RFC 8415), how libvirt's {@code <host id>} names a DHCPv6 client: a 2-byte type 1 to 4,
 * then at most 128 bytes, as colon-separated hex bytes; the model's spelling is lower case.
 */
public final class Duid {
    private static final Pattern DUID = Pattern.compile("00:0[1-4](:[0-9a-f]{2}){1,128}");
    /** Hex pairs joined by ':' or '-': what is meant as a MAC or a DUID, never a host name. */
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9a-fA-F]{2}([-:][0-9a-fA-F]{2})+");

    private Duid() {
    }

    public static boolean isValid(String text) {
        return text != null && DUID.matcher(text.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether a client's name is written as hex pairs (a MAC or a DUID, well-formed or not). */
    public static boolean looksLikeHexPairs(String text) {
        return text != null && HEX_PAIRS.matcher(text.trim()).matches();
    }

    /** Lower case; throws with a message that says what is allowed. */
    public static String normalize(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a DUID: give colon-separated hex bytes, a type "
                    + "00:01 to 00:04 then at most 128 bytes, e.g. 00:03:00:01:52:54:00:3a:10:01 (DUID-LL of a MAC)");
        }
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
