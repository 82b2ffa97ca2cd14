package dev.virtwire.host.kernel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The argv of link up/down and bridge/bond membership, with the names checked first. */
public final class LinkWriter {
    /** What the kernel accepts as an interface name: 1 to 15 characters, no slash, colon or blank. */
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");

    private LinkWriter() {
    }

    public static List<String> upCommand(String link, boolean up) {
        return List.of("ip", "link", "set", "dev", checked(link), up ? "up" : "down");
    }

    public static List<String> masterCommand(String link, Optional<String> master) {
        return master.map(m -> List.of("ip", "link", "set", "dev", checked(link), "master", checked(m)))
                .orElseGet(() -> List.of("ip", "link", "set", "dev", checked(link), "nomaster"));
    }

    static String checked(String name) {
        if (name == null || !LINK_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a link name: 1 to 15 letters, digits or "
                    + "_ . @ - (as `ip link` shows them)");
        }
        return name;
    }
}
