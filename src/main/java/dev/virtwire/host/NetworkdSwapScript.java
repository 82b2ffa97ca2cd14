package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import java.util.ArrayList;
import java.util.List;

/**
 * systemd-networkd's side of bridging the uplink, as argv. Putting the files in place, having networkd read them
 * again and configure the NIC anew must run on the host in one command: in between, the address moves from the
 * NIC to the bridge, and a second command over ssh might find the host without one. The program is constant
 * {@code sh} text; data (link names, paths) reaches it only as positional arguments, as for
 * {@link RevertWatchdogScript}. Its watchdog is {@link UplinkRevertScript}.
 */
public final class NetworkdSwapScript {
    /**
     * $1 the bridge, $2 the NIC, $3 yes (bridging) or no, $4 netplan (the files are netplan's YAML, rendered for
     * networkd by {@code netplan generate} once they are in place) or networkd; then pairs STAGED PATH, each staged
     * file renamed over its path (an empty STAGED: the path removed). Unbridging deletes the bridge (a reload does
     * not remove a netdev whose file is gone); {@code networkctl reload} reads the files again and makes a new
     * netdev, {@code reconfigure} applies the NIC's file anew. networkd configures in the background: the command returns once the link that
     * takes the addresses (the bridge, or the NIC again) has one (30 s at most, e.g. for a DHCP lease) and it was
     * announced ({@link AddressAnnouncement}: the bridge's MAC is not the NIC's), so that Virtwire's next command
     * finds the host reachable.
     */
    public static final String SWAP = "b=\"$1\" n=\"$2\" on=\"$3\" g=\"$4\"; shift 4; while [ $# -ge 2 ]; do "
            + "if [ -n \"$1\" ]; then mv -f \"$1\" \"$2\"; else rm -f \"$2\"; fi || exit 1; shift 2; done; "
            + "if [ \"$g\" = netplan ]; then netplan generate || exit 1; fi; "
            + "if [ \"$on\" = no ]; then networkctl delete \"$b\" || exit 1; fi; networkctl reload || exit 1; "
            + "networkctl reconfigure \"$n\" || exit 1; w=\"$n\"; [ \"$on\" = yes ] && w=\"$b\"; "
            + AddressAnnouncement.of("w", 1) + "; exit 0";

    private NetworkdSwapScript() {
    }

    /** Each new text staged beside its file, then {@link #SWAP}; {@code netplan}: the files are netplan's. */
    public static List<HostCommand.Run> swap(List<ConfigFileChange> files, String bridge, String nic,
                                             boolean bridged, boolean netplan) {
        List<HostCommand.Run> out = new ArrayList<>();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SWAP, "virtwire-networkd", bridge, nic,
                bridged ? "yes" : "no", netplan ? "netplan" : "networkd"));
        for (ConfigFileChange f : files) {
            if (f.after().isPresent()) {
                ConfigFile after = f.after().get();
                out.addAll(SavedConfigCommands.stage(after, SavedConfigCommands.staged(after.path())));
            }
            argv.add(f.after().map(a -> SavedConfigCommands.staged(a.path())).orElse(""));
            argv.add(f.path());
        }
        out.add(new HostCommand.Run(argv));
        return List.copyOf(out);
    }
}
