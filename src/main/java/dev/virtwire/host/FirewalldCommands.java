package dev.virtwire.host;

import java.util.List;

/**
 * firewall-cmd's argv that put an interface in a zone or take it out, at run time and in the permanent
 * configuration (so that it stays after {@code firewall-cmd --reload} and a reboot). Previews show exactly
 * these and the real host runs them.
 */
public final class FirewalldCommands {

    private FirewalldCommands() {
    }

    public static List<List<String>> setZone(String link, String zone, boolean present) {
        String action = (present ? "--add-interface=" : "--remove-interface=") + link;
        return List.of(List.of("firewall-cmd", "--zone=" + zone, action),
                List.of("firewall-cmd", "--permanent", "--zone=" + zone, action));
    }
}
