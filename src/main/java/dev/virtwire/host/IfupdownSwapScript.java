package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ifupdown's side of bridging the uplink, as argv. Taking the uplink's stanza down, putting the new interfaces file
 * in place and bringing the bridge up must run on the host in one command: between them the host has no address,
 * so a second command over ssh could not reach it. The program is constant {@code sh} text; data (link names,
 * paths) reaches it only as positional arguments, as for {@link RevertWatchdogScript}. Its watchdog is
 * {@link UplinkRevertScript}.
 */
public final class IfupdownSwapScript {
    /**
     * ifdown $1; the staged file $2 renamed over $3; ifup $4. A failed ifup fails the step (the plan rolls back).
     * Where ifup is ifupdown2's (its help names {@code --with-depends}; classic ifupdown's has no such option),
     * {@code ifup --with-depends $4}: ifupdown2 brings up only the link named, so the bridge would come up with the
     * NIC that ifdown took down as a port still down, and the host cut off (seen with ifupdown2 3.0).
     * Then, when $5 is not empty (the file gives $4 an address), once $4 has its addresses, each IPv4 one is announced
     * ({@link AddressAnnouncement}, both ways: where the bridge has a MAC of its own, from udev or a hwaddress line, the
     * LAN knew them at the other link's MAC), so that Virtwire's next command and the host's ssh clients find the host
     * at once. Without an address to wait for, the announcement's wait (up to 30 s) would only delay the step.
     */
    public static final String SWAP = "ifdown \"$1\" || exit 1; mv -f \"$2\" \"$3\" || exit 1; d=; "
            + "ifup --help 2>&1 | grep -q -- --with-depends && d=--with-depends; ifup $d \"$4\" || exit 1; "
            + "[ -n \"$5\" ] || exit 0; w=\"$4\"; " + AddressAnnouncement.of("w", 1) + "; exit 0";
    private static final Set<String> KEYWORDS = Set.of("iface", "mapping", "auto", "source", "source-directory",
            "template", "rename", "no-auto-down", "no-scripts");
    private static final Set<String> HOOKS = Set.of("pre-up", "up", "post-up");

    private IfupdownSwapScript() {
    }

    /** The file staged beside itself, then {@link #SWAP}: down goes down, the file is renamed in place, up comes up. */
    public static List<HostCommand.Run> swap(ConfigFile file, String down, String up) {
        String staged = SavedConfigCommands.staged(file.path());
        List<HostCommand.Run> out = new ArrayList<>(SavedConfigCommands.stage(file, staged));
        out.add(new HostCommand.Run(List.of("sh", "-c", SWAP, "virtwire-ifupdown", down, staged, file.path(), up,
                givesAddress(file.text(), up) ? "announce" : "")));
        return List.copyOf(out);
    }

    /**
     * Whether ifup gives the link an address from this file: a stanza of it with a method other than {@code manual}
     * ({@code static}, {@code dhcp}, {@code auto} ...), or a manual one with an {@code address} line or an {@code ip
     * addr} in its up hooks.
     */
    static boolean givesAddress(String text, String link) {
        boolean in = false;
        for (String line : text.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w[0].isEmpty() || w[0].startsWith("#")) {
                continue;
            }
            if (KEYWORDS.contains(w[0]) || w[0].startsWith("allow-")) {
                in = w[0].equals("iface") && w.length >= 2 && w[1].equals(link);
                if (in && w.length >= 4 && !w[3].equals("manual")) {
                    return true;
                }
            } else if (in && (w[0].equals("address") || HOOKS.contains(w[0]) && line.contains(" addr"))) {
                return true;
            }
        }
        return false;
    }
}
