package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.ConfigFileChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The uplink bridged through netplan where it renders for NetworkManager: the YAML files put in place, {@code netplan
 * generate} (NetworkManager's keyfiles {@code netplan-*.nmconnection} under /run/NetworkManager), {@code nmcli
 * connection reload} (NetworkManager reads them: the bridge's new profile, the NIC's turned into its port), then the
 * NIC's profile activated ({@code netplan-NIC}, netplan's name for it), which brings up the bridge it names as its
 * master with the addresses. Each command on its own: only the last one moves the host's connection. The inverse
 * puts the files back and activates the NIC's own profile again (NetworkManager, having lost the bridge's profile,
 * deletes the bridge). A set of files netplan refuses is put back as it was, and the step fails with netplan's words.
 *
 * @param bridged whether this step bridges (true) or takes the bridging back (false)
 * @param files   the files written, rewritten or removed, each with the text it had
 */
public record NetplanNmSwapOp(String nic, String bridge, boolean bridged, List<ConfigFileChange> files)
        implements UplinkSwap {

    public NetplanNmSwapOp {
        files = List.copyOf(files);
    }

    @Override
    public String describe() {
        return (bridged ? "Bridge " + nic + " into " + bridge + " through netplan (NetworkManager) (" + bridge
                + " takes " + nic + "'s addresses and routes)" : "Give " + nic + " its own netplan settings back and "
                + "delete " + bridge + " (NetworkManager)") + ": netplan generate, nmcli connection reload, nmcli "
                + "connection up id " + profile();
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>();
        files.forEach(f -> out.addAll(ManagerFileOp.fileCommands(f.before(), f.after())));
        nmCommands().forEach(argv -> out.add(new HostCommand.Run(argv)));
        return List.copyOf(out);
    }

    /** Each file's commands with its diff, then netplan's and NetworkManager's. */
    @Override
    public List<String> preview() {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.addAll(ManagerFileOp.previewWithDiff(ManagerFileOp.fileCommands(f.before(), f.after()),
                f.before(), f.after())));
        nmCommands().forEach(argv -> out.add(String.join(" ", argv)));
        return out;
    }

    @Override
    public void apply(Host host) {
        List<ConfigFileChange> done = new ArrayList<>();
        try {
            for (ConfigFileChange f : files) {
                ManagerFileOp.change(host, f.before(), f.after());
                done.add(f);
            }
            host.savedConfig().run(NetplanFileOp.GENERATE);
        } catch (HostException refused) {
            putBack(host, done, refused);
            throw new HostException("netplan refused the files (or one could not be written), so they were put back "
                    + "as they were and nothing runs differently: " + refused.getMessage(), refused);
        }
        host.savedConfig().run(SavedConfigCommands.nmcliReload());
        host.savedConfig().run(SavedConfigCommands.nmcliUpId(profile()));
        LinkSettles.await(host, bridge, bridged);
    }

    @Override
    public String bridgeNotMade() {
        return "NetworkManager did not make " + bridge + " with " + nic + " as its port from netplan's rendering";
    }

    @Override
    public Operation inverse() {
        return new NetplanNmSwapOp(nic, bridge, !bridged, files.stream().map(ConfigFileChange::reversed).toList());
    }

    /** The name netplan gives the profile it renders for a link: {@code netplan-ID}. */
    private String profile() {
        return "netplan-" + nic;
    }

    private List<List<String>> nmCommands() {
        return List.of(NetplanFileOp.GENERATE, SavedConfigCommands.nmcliReload(),
                SavedConfigCommands.nmcliUpId(profile()));
    }

    /** The files written so far back as they were, rendered again; what cannot be is added to the failure. */
    private static void putBack(Host host, List<ConfigFileChange> done, HostException refused) {
        try {
            for (int k = done.size() - 1; k >= 0; k--) {
                ManagerFileOp.change(host, done.get(k).after(), done.get(k).before());
            }
            if (!done.isEmpty()) {
                host.savedConfig().run(NetplanFileOp.GENERATE);
            }
        } catch (HostException e) {
            refused.addSuppressed(e);
            throw new HostException("netplan refused the files and they could not all be put back (" + e.getMessage()
                    + "): restore them by hand; netplan said: " + refused.getMessage(), refused);
        }
    }
}
