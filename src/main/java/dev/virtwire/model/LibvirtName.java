package dev.virtwire.model;

/**
 * What libvirt accepts as a guest or network name: anything non-empty without '/' or control characters
 * (a tab aside). Spaces, accents and '&' are fine: names travel as argv elements and API arguments, never
 * through a shell.
 */
public final class LibvirtName {
    private LibvirtName() {
    }

    /** The name, or an IllegalArgumentException saying what is wrong and what libvirt allows. */
    public static String require(String name, String what) {
        if (name == null || name.isEmpty()
                || name.chars().anyMatch(c -> c == '/' || c != '\t' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + what + " name: libvirt takes any "
                    + "non-empty name without '/' or line breaks (spaces and accents are fine)");
        }
        return name;
    }
}
