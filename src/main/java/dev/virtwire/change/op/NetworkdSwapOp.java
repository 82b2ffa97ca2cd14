package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.NetworkdSwapScript;
import dev.virtwire.model.ConfigFileChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The uplink bridged through systemd-networkd, in one command on the host: the bridge's files and the uplink's
 * edited {@code .network} put in place (or netplan's YAML, then {@code netplan generate}), {@code networkctl
 * reload} (networkd makes the bridge and moves the addresses), {@code networkctl reconfigure NIC}. The inverse puts the files back as they were, deletes the bridge
 * and has networkd configure the NIC as before.
 *
 * @param bridged whether this step bridges (true) or takes the bridging back (false)
 * @param files   the files written, rewritten or removed, each with the text it had
 * @param netplan whether the files are netplan's YAML that networkd gets through {@code netplan generate} (a journal
 *                entry from before netplan had this step reads as false)
 */
public record NetworkdSwapOp(String nic, String bridge, boolean bridged, List<ConfigFileChange> files,
                             boolean netplan) implements UplinkSwap {

    public NetworkdSwapOp {
        files = List.copyOf(files);
    }

    @Override
    public String describe() {
        String generate = netplan ? "netplan generate, " : "";
        return bridged ? "Bridge " + nic + " into " + bridge + " through " + manager() + " (" + bridge + " takes "
                + nic + "'s addresses and routes): " + generate + "networkctl reload, networkctl reconfigure " + nic
                : "Give " + nic + " its own " + manager() + " file back and delete " + bridge + ": " + generate
                + "networkctl reload, networkctl reconfigure " + nic;
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(NetworkdSwapScript.swap(files, bridge, nic, bridged, netplan));
    }

    /** The commands, each file's diff after the tee that stages it (a removed file's after the last command). */
    @Override
    public List<String> preview() {
        List<String> out = new ArrayList<>();
        List<HostCommand> commands = commands();
        int written = 0;
        List<ConfigFileChange> staged = files.stream().filter(f -> f.after().isPresent()).toList();
        for (HostCommand c : commands) {
            out.add(c.shown().get(0));
            if (c instanceof HostCommand.Run r && r.argv().get(0).equals("tee")) {
                FileDiff.of(staged.get(written++)).forEach(l -> out.add("    " + l));
            }
        }
        files.stream().filter(f -> f.after().isEmpty()).forEach(f -> FileDiff.of(f).forEach(l -> out.add("    " + l)));
        return out;
    }

    @Override
    public void apply(Host host) {
        host.savedConfig().swapNetworkd(files, bridge, nic, bridged, netplan);
        LinkSettles.await(host, bridge, bridged);
    }

    @Override
    public String bridgeNotMade() {
        return manager() + " did not make " + bridge + " with " + nic + " as its port";
    }

    @Override
    public Operation inverse() {
        return new NetworkdSwapOp(nic, bridge, !bridged, files.stream().map(ConfigFileChange::reversed).toList(),
                netplan);
    }

    private String manager() {
        return netplan ? "netplan (systemd-networkd)" : "systemd-networkd";
    }
}
