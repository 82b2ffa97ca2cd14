package dev.virtwire.host.fleet;

import dev.virtwire.host.HostAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/** A host of the fleet list: the name it is shown by, and how it is reached. */
public record FleetEntry(String name, HostAddress address) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public FleetEntry {
        Objects.requireNonNull(address, "address");
        requireName(name);
    }

    /** Refuses a name that is not a short word: it prefixes the host's guests in messages ({@code kvm1:web1}). */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a host name for the fleet: use 1 to 63 "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. kvm1)");
        }
        return name;
    }
}
