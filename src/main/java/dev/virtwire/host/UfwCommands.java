package dev.virtwire.host;

import java.util.List;

/**
 * ufw's argv that let a bridge's forwarded traffic through both ways, or take that back: ufw writes the rules
 * into its own files (/etc/ufw/user.rules), so they stay after {@code ufw reload} and a reboot. Previews show
 * exactly these and the real host runs them. Ahead: inserted as ufw's first rules ({@code ufw route insert 1}), where
 * a deny of the user's would stop what is appended after it (ufw refuses an insert into an empty list, and then
 * there is no such deny).
 */
public final class UfwCommands {

    private UfwCommands() {
    }

    public static List<List<String>> routeAllow(String bridge, boolean present, boolean ahead) {
        if (present && ahead) {
            return List.of(List.of("ufw", "route", "insert", "1", "allow", "in", "on", bridge),
                    List.of("ufw", "route", "insert", "2", "allow", "out", "on", bridge));
        }
        return List.of(route(present, "in", bridge), route(present, "out", bridge));
    }

    private static List<String> route(boolean present, String direction, String bridge) {
        return present ? List.of("ufw", "route", "allow", direction, "on", bridge)
                : List.of("ufw", "route", "delete", "allow", direction, "on", bridge);
    }
}
