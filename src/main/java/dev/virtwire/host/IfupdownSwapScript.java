package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;

/**
 * ifupdown's side of bridging the uplink, as argv. Taking the uplink's stanza down, putting the new interfaces file
 * in place and bringing the bridge up must run on the host in one command: between them the host has no address,
 * so a second command over ssh could not reach it. Both programs are constant {@code sh} text; data (link names,
 * paths) reaches them only as positional arguments, as for {@link RevertWatchdogScript}.
 */
public final class IfupdownSwapScript {
    /** ifdown $1; the staged file $2 renamed over $3; ifup $4. A failed ifup fails the step (the plan rolls back). */
    public static final String SWAP = "ifdown \"$1\" || exit 1; mv -f \"$2\" \"$3\" || exit 1; exec ifup \"$4\"";
    /**
     * The watchdog: after $1 s, if the armed file ($2.armed) can still be removed, the bridge $3 taken down and
     * deleted, the original file (staged at $4) renamed back over $5, and $6 brought up as before.
     */
    public static final String REVERT = "exec </dev/null >/dev/null 2>&1; sleep \"$1\"; "
            + "if rm \"$2.armed\"; then ifdown --force \"$3\"; ip link del \"$3\"; mv -f \"$4\" \"$5\"; ifup \"$6\"; "
            + "else rm -f \"$4\"; fi";

    private IfupdownSwapScript() {
    }

    /** The file staged beside itself, then {@link #SWAP}: down goes down, the file is renamed in place, up comes up. */
    public static List<HostCommand.Run> swap(ConfigFile file, String down, String up) {
        String staged = SavedConfigCommands.staged(file.path());
        List<HostCommand.Run> out = new ArrayList<>(SavedConfigCommands.stage(file, staged));
        out.add(new HostCommand.Run(List.of("sh", "-c", SWAP, "virtwire-ifupdown", down, staged, file.path(), up)));
        return List.copyOf(out);
    }

    /** Where the watchdog keeps the file as it was: beside it (so the rename is atomic), hidden, named by the id. */
    public static String kept(String path, String id) {
        return SavedConfigCommands.staged(path) + "-revert-" + RevertWatchdogScript.requireId(id);
    }

    /** What arming runs: the original staged, the "armed" file, the detached timer. */
    public static List<HostCommand.Run> arm(String id, ConfigFile original, String bridge, String nic, int seconds) {
        String kept = kept(original.path(), id);
        List<HostCommand.Run> out = new ArrayList<>(SavedConfigCommands.stage(original, kept));
        out.add(new HostCommand.Run(List.of("mkdir", "-p", RevertWatchdogScript.DIRECTORY)));
        out.add(new HostCommand.Run(List.of("touch", RevertWatchdogScript.armedFile(id))));
        out.add(new HostCommand.Run(List.of("setsid", "-f", "sh", "-c", REVERT, "virtwire-watchdog",
                Integer.toString(seconds), RevertWatchdogScript.batchFile(id), bridge, kept, original.path(), nic)));
        return List.copyOf(out);
    }

    /** What disarming runs: the "armed" file removed (its exit status says whether in time), the kept copy too. */
    public static List<HostCommand.Run> disarm(String id, String path) {
        return List.of(new HostCommand.Run(RevertWatchdogScript.disarm(id)),
                new HostCommand.Run(SavedConfigCommands.remove(kept(path, id))));
    }
}
