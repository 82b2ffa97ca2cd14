package dev.virtwire.host;

import dev.virtwire.model.UfwRouteChange;
import java.util.ArrayList;
import java.util.List;

/**
 * ufw's argv that let a bridge's forwarded traffic through both ways, or take that back: ufw writes the rules
 * into its own files (/etc/ufw/user.rules), so they stay after {@code ufw reload} and a reboot. Previews show
 * exactly these and the real host runs them. A rule of the user's with the same match (deny in on BR) is turned
 * into an allow where it stands, and back; new rules go ahead of ufw's (insert 1, 2) where the change says so (ufw
 * refuses an insert into an empty list, and then nothing asks for it).
 */
public final class UfwCommands {

    private UfwCommands() {
    }

    public static List<List<String>> routeAllow(UfwRouteChange change) {
        List<List<String>> argv = new ArrayList<>();
        int inserted = 0;
        for (String direction : List.of(UfwRouteChange.IN, UfwRouteChange.OUT)) {
            String bridge = change.bridge();
            if (change.updates(direction)) {
                String action = change.present() ? "allow" : change.before(direction);
                argv.add(List.of("ufw", "route", action, direction, "on", bridge));
            } else if (!change.present()) {
                argv.add(List.of("ufw", "route", "delete", "allow", direction, "on", bridge));
            } else if (change.ahead()) {
                argv.add(List.of("ufw", "route", "insert", String.valueOf(++inserted), "allow", direction, "on",
                        bridge));
            } else {
                argv.add(List.of("ufw", "route", "allow", direction, "on", bridge));
            }
        }
        return argv;
    }
}
