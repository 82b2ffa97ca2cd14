package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The watchdog for a change of the host's own connection saved through a manager without a checkpoint of its own
 * (ifupdown, systemd-networkd, netplan rendering for networkd, whose {@code netplan try} needs a terminal), or for
 * netplan's files where it renders for NetworkManager (whose checkpoint takes back only what runs), as argv:
 * unless confirmed in time, the host itself puts every file the change touched back as it was (a file that was not
 * there is removed), also when Virtwire's connection is lost. Bridging the uplink: first the bridge is deleted, after
 * the files the manager brings the NIC up as before. Any other change (an MTU): after the files the manager reads them
 * again, then an {@code ip -batch} takes back what the change set live. The program is constant {@code sh} text; data
 * (the delay, the manager, link names, paths) reaches it only as positional arguments, as for
 * {@link RevertWatchdogScript}.
 */
public final class UplinkRevertScript {
    /**
     * After $1 s, if the armed file ($2.armed) can still be removed: its mark that it ran ($2.ran, as
     * {@link RevertWatchdogScript#ranFile}, left for the confirmation to read; by touch, so that a mark that cannot be
     * written never stops the revert), the bridge $4, if any, taken down (ifupdown) and deleted; each pair KEPT PATH
     * after $5 renamed back (an empty KEPT: PATH removed); with a bridge, the NIC $5 brought up by the manager $3 (netplan: its files rendered again first, then networkd's commands), without one,
     * the files read again (netplan generate, networkctl reload; ifupdown reads them only on ifup; $3 NetworkManager:
     * netplan's files rendered again and read by NetworkManager, the bridge left to its checkpoint); with a bridge, the
     * NIC's addresses announced once it has them ({@link AddressAnnouncement}: the LAN knew them at the bridge's MAC);
     * then the ip batch $2, if there is one. Confirmed in time: only the kept copies go.
     */
    public static final String REVERT = "exec </dev/null >/dev/null 2>&1; sleep \"$1\"; a=\"$2\" m=\"$3\" b=\"$4\" "
            + "n=\"$5\"; shift 5; if rm \"$a.armed\"; then touch \"$a.ran\"; if [ -n \"$b\" ]; then "
            + "[ \"$m\" = ifupdown ] && ifdown --force \"$b\"; ip link del \"$b\"; fi; "
            + "while [ $# -ge 2 ]; do if [ -n \"$1\" ]; then mv -f \"$1\" \"$2\"; "
            + "else rm -f \"$2\"; fi; shift 2; done; case \"$m\" in netplan|NetworkManager) netplan generate;; esac; "
            + "if [ \"$m\" = NetworkManager ]; then nmcli connection reload; "
            + "elif [ -z \"$b\" ]; then [ \"$m\" = ifupdown ] || networkctl reload; "
            + "elif [ \"$m\" = ifupdown ]; then ifup \"$n\"; "
            + "else networkctl reload; networkctl reconfigure \"$n\"; fi; "
            + "if [ -n \"$b\" ]; then " + AddressAnnouncement.of("n", 2) + "; fi; "
            + "[ -s \"$a\" ] && ip -force -batch \"$a\"; "
            + "else while [ $# -ge 2 ]; do [ -n \"$1\" ] && rm -f \"$1\"; shift 2; done; fi; rm -f \"$a\"";

    private UplinkRevertScript() {
    }

    /** Where the watchdog keeps a file as it was: beside it (so the rename is atomic), hidden, named by the id. */
    public static String kept(String path, String id) {
        return SavedConfigCommands.staged(path) + "-revert-" + RevertWatchdogScript.requireId(id);
    }

    /**
     * What arming runs: each original staged, the ip batch (when there is one), the "armed" file, the detached timer.
     *
     * @param bridge  the bridge a bridging of the uplink made (deleted first); empty for any other change
     * @param ipBatch the {@code ip -batch} lines that take back what the change set live, run last
     */
    public static List<HostCommand.Run> arm(String id, LinkOwner manager, List<ConfigFileChange> files,
                                            Optional<String> bridge, String nic, List<String> ipBatch, int seconds) {
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
        if (!ipBatch.isEmpty()) {
            out.add(RevertWatchdogScript.writeBatch(id, ipBatch));
        }
        out.add(new HostCommand.Run(List.of("touch", RevertWatchdogScript.armedFile(id))));
        List<String> argv = new ArrayList<>(List.of("setsid", "-f", "sh", "-c", REVERT, "virtwire-watchdog",
                Integer.toString(seconds), RevertWatchdogScript.batchFile(id), manager.json(), bridge.orElse(""), nic));
        argv.addAll(pairs);
        out.add(new HostCommand.Run(argv));
        return List.copyOf(out);
    }

    /**
     * What disarming runs: the "armed" file removed (its exit status says whether in time), the kept copies and the
     * ip batch too.
     */
    public static List<HostCommand.Run> disarm(String id, List<ConfigFileChange> files) {
        List<HostCommand.Run> out = new ArrayList<>(List.of(new HostCommand.Run(RevertWatchdogScript.disarm(id))));
        files.stream().filter(f -> f.before().isPresent())
                .forEach(f -> out.add(new HostCommand.Run(SavedConfigCommands.remove(kept(f.path(), id)))));
        out.add(new HostCommand.Run(List.of("rm", "-f", RevertWatchdogScript.batchFile(id))));
        return List.copyOf(out);
    }
}
