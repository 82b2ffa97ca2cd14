package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.NetworkHook;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes Virtwire's libvirt network hook ({@link NetworkHook}) with a port forward saved in it or taken out, or
 * removes the hook with the last one, as every saved file is written; the directories it names as made by its
 * first write are made before it ({@code mkdir}) and go after it ({@code rmdir}, which leaves a directory that
 * holds anything else). The inverse writes back exactly what was there. libvirtd (virtnetworkd) looks for hooks
 * when it starts: a hook that was not there then runs from its next start.
 *
 * @param before the hook as the plan found it; empty: there was none
 * @param after  the hook to write; empty: it is removed
 * @param dirs   the directories that come and go with the hook, parent first
 */
public record NetworkHookOp(PortForward forward, Optional<ConfigFile> before, Optional<ConfigFile> after,
                            List<String> dirs) implements Operation {
    /** Said wherever a new hook is written: libvirt does not see it until it starts again. */
    public static final String READ_AT_START = "libvirtd (or virtnetworkd) looks for hooks when it starts: this "
            + "one runs from its next start (a reboot, or systemctl restart libvirtd, which Virtwire does not do for "
            + "you); until then a restart of the network alone takes the forward's accept away where libvirt remakes "
            + "its chains";

    public NetworkHookOp {
        dirs = dirs == null ? List.of() : List.copyOf(dirs);
    }

    @Override
    public String describe() {
        if (after.isEmpty()) {
            return "Remove Virtwire's libvirt network hook " + NetworkHook.PATH + " (it saved only the port forward "
                    + forward.describe() + ")";
        }
        boolean saving = NetworkHook.saved(after.get().text()).stream().anyMatch(s -> s.forward().equals(forward));
        return (saving ? "Save the port forward " + forward.describe() + " in " : "Stop saving the port forward "
                + forward.describe() + " in ") + "Virtwire's libvirt network hook " + NetworkHook.PATH
                + (saving ? " (libvirt runs it whenever the network starts, at boot too, and whenever a guest's "
                + "NIC joins it, also for the running guests when libvirtd starts again; it puts the forward back "
                + "ahead of libvirt's reject)" : "")
                + (before.isEmpty() ? "; " + READ_AT_START : "");
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>();
        if (after.isPresent()) {
            if (before.isEmpty()) {
                dirs.forEach(d -> out.add(new HostCommand.Run(mkdir(d))));
            }
            out.addAll(SavedConfigCommands.write(after.get()));
        } else {
            out.add(new HostCommand.Run(SavedConfigCommands.remove(NetworkHook.PATH)));
            childFirst().forEach(d -> out.add(new HostCommand.Run(rmdir(d))));
        }
        return List.copyOf(out);
    }

    /** The commands, with the hook's diff in place of the text tee reads. */
    @Override
    public List<String> preview() {
        return ManagerFileOp.previewWithDiff(commands(), before, after);
    }

    private List<String> childFirst() {
        List<String> out = new ArrayList<>(dirs);
        java.util.Collections.reverse(out);
        return out;
    }

    static List<String> mkdir(String dir) {
        return List.of("mkdir", "-p", "-m", "755", "--", dir);
    }

    static List<String> rmdir(String dir) {
        return List.of("rmdir", "--ignore-fail-on-non-empty", "--", dir);
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(forward.comment()));
    }

    /** The file itself is compared with what the plan found when the step runs. */
    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    public void apply(Host host) {
        if (after.isPresent() && before.isEmpty()) {
            dirs.forEach(d -> host.savedConfig().run(mkdir(d)));
        }
        ManagerFileOp.change(host, before, after);
        if (after.isEmpty()) {
            childFirst().forEach(d -> host.savedConfig().run(rmdir(d)));
        }
    }

    /** Read back on the host after writing. */
    @Override
    public Optional<String> unverified(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    public boolean showsInSnapshot() {
        return false;
    }

    @Override
    public Operation inverse() {
        return new NetworkHookOp(forward, after, before, dirs);
    }
}
