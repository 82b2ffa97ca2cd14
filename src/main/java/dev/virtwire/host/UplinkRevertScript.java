package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchdog for an uplink bridged through a manager without a checkpoint of its own (ifupdown,
 * systemd-networkd, netplan rendering for networkd, whose {@code netplan try} needs a terminal), or for netplan's
 * files where it renders for NetworkManager (whose checkpoint takes back only what runs), as argv: unless
 * confirmed in time, the host itself deletes the bridge, puts every file the
 * change touched back as it was (a file that was not there is removed) and has the manager bring the NIC up as
 * before, also when Virtwire's connection is lost. The program is constant {@code sh} text; data (the delay, the
 * manager, link names, paths) reaches it only as positional arguments, as for {@link RevertWatchdogScript}.
 */
public final class UplinkRevertScript {
    /**
     * After $1 s, if the armed file ($2.armed) can still be removed: the bridge $4 taken down (ifupdown) and deleted,
     * each pair KEPT PATH after $5 renamed back (an empty KEPT: PATH removed), the NIC $5 brought up by the manager
     * $3 (netplan: its files rendered again first, then networkd's commands). $3 NetworkManager: the files are
     * netplan's, rendered for NetworkManager, whose checkpoint takes back what runs: they are only put back, rendered
     * again and read again by NetworkManager (the bridge is left to the checkpoint). Confirmed in time: only the kept
     * copies go.
     */
    public static final String REVERT = "exec </dev/null >/dev/null 2>&1; sleep \"$1\"; a=\"$2\" m=\"$3\" b=\"$4\" "
            + "n=\"$5\"; shift 5; if rm \"$a.armed\"; then [ \"$m\" = ifupdown ] && ifdown --force \"$b\"; "
            + "[ \"$m\" = NetworkManager ] || ip link del \"$b\"; while [ $# -ge 2 ]; do if [ -n \"$1\" ]; then "
            + "mv -f \"$1\" \"$2\"; else rm -f \"$2\"; fi; shift 2; done; if [ \"$m\" = ifupdown ]; then "
            + "ifup \"$n\"; elif [ \"$m\" = NetworkManager ]; then netplan generate; nmcli connection reload; "
            + "else [ \"$m\" = netplan ] && netplan generate; networkctl reload; networkctl reconfigure \"$n\"; fi; "
            + "else while [ $# -ge 2 ]; do [ -n \"$1\" ] && rm -f \"$1\"; shift 2; done; fi";

    private UplinkRevertScript() {
    }

    /** Where the watchdog keeps a file as it was: beside it (so the rename is atomic), hidden, named by the id. */
    public static String kept(String path, String id) {
        return SavedConfigCommands.staged(path) + "-revert-" + RevertWatchdogScript.requireId(id);
    }

    /** What arming runs: each original staged, the "armed" file, the detached timer. */
    public static List<HostCommand.Run> arm(String id, LinkOwner manager, List<ConfigFileChange> files,
                                            String bridge, String nic, int seconds) {
        if (manager == LinkOwner.NONE) {
            throw new IllegalArgumentException(manager.json() + " has no watchdog of Virtwire's");
        }
        List<HostCommand.Run> out = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (ConfigFileChange f : files) {
            if (f.before().isPresent()) {
                ConfigFile original = f.before().get();
                out.addAll(SavedConfigCommands.stage(original, kept(original.path(), id)));
            }
            pairs.add(f.before().map(b -> kept(b.path(), id)).orElse(""));
            pairs.add(f.path());
        }
        out.add(new HostCommand.Run(List.of("mkdir", "-p", RevertWatchdogScript.DIRECTORY)));
        out.add(new HostCommand.Run(List.of("touch", RevertWatchdogScript.armedFile(id))));
        List<String> argv = new ArrayList<>(List.of("setsid", "-f", "sh", "-c", REVERT, "virtwire-watchdog",
                Integer.toString(seconds), RevertWatchdogScript.batchFile(id), manager.json(), bridge, nic));
        argv.addAll(pairs);
        out.add(new HostCommand.Run(argv));
        return List.copyOf(out);
    }

    /** What disarming runs: the "armed" file removed (its exit status says whether in time), the kept copies too. */
    public static List<HostCommand.Run> disarm(String id, List<ConfigFileChange> files) {
        List<HostCommand.Run> out = new ArrayList<>(List.of(new HostCommand.Run(RevertWatchdogScript.disarm(id))));
        files.stream().filter(f -> f.before().isPresent())
                .forEach(f -> out.add(new HostCommand.Run(SavedConfigCommands.remove(kept(f.path(), id)))));
        return List.copyOf(out);
    }
}
