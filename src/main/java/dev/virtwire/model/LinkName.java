package dev.virtwire.model;

import java.nio.charset.StandardCharsets;

/**
 * What the Linux kernel accepts as a network interface name (its {@code dev_valid_name}): 1 to 15 bytes
 * (IFNAMSIZ less its terminating zero), no '/', ':' or whitespace, and not "." or "..". Names travel as argv
 * elements, never through a shell, so nothing else needs refusing.
 */
public final class LinkName {
    public static final int MAX_BYTES = 15;

    private LinkName() {
    }

    /** The name, or an IllegalArgumentException saying what is wrong and what the kernel allows. */
    public static String require(String name, String what) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + what + " name: the kernel takes 1 "
                    + "to 15 bytes without spaces, '/' or ':', and not '.' or '..'");
        }
        return name;
    }
}
