package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;

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
     * Then, once $4 has its addresses, each IPv4 one is announced ({@link AddressAnnouncement}, both ways: where the
     * bridge has a MAC of its own, from udev or a hwaddress line, the LAN knew them at the other link's MAC), so that
     * Virtwire's next command and the host's ssh clients find the host at once.
     */
    public static final String SWAP = "ifdown \"$1\" || exit 1; mv -f \"$2\" \"$3\" || exit 1; ifup \"$4\" || exit 1; "
            + "w=\"$4\"; " + AddressAnnouncement.of("w", 1) + "; exit 0";

    private IfupdownSwapScript() {
    }

    /** The file staged beside itself, then {@link #SWAP}: down goes down, the file is renamed in place, up comes up. */
    public static List<HostCommand.Run> swap(ConfigFile file, String down, String up) {
        String staged = SavedConfigCommands.staged(file.path());
        List<HostCommand.Run> out = new ArrayList<>(SavedConfigCommands.stage(file, staged));
        out.add(new HostCommand.Run(List.of("sh", "-c", SWAP, "virtwire-ifupdown", down, staged, file.path(), up)));
        return List.copyOf(out);
    }
}
