package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IfupdownSwapScript;
import dev.virtwire.model.ConfigFile;
import java.util.List;
import java.util.Optional;

/**
 * The uplink's stanza moved to a bridge through ifupdown, in one command on the host: {@code ifdown NIC}, the
 * interfaces file that makes {@code bridge} with the NIC as its port renamed in place, {@code ifup BRIDGE}. The
 * inverse is the same the other way round (the bridge down and deleted, the file as it was, the NIC up again).
 *
 * @param nic    the uplink
 * @param bridge the bridge its stanza moves to
 * @param bridged whether this step bridges (true) or takes the bridging back (false)
 * @param before the file as the plan found it
 * @param after  the file to put in place
 */
public record IfupdownSwapOp(String nic, String bridge, boolean bridged, ConfigFile before, ConfigFile after)
        implements UplinkSwap {

    @Override
    public String describe() {
        return bridged ? "Move " + nic + "'s ifupdown stanza to bridge " + bridge + " (" + after.path() + "), with "
                + nic + " as its port: ifdown " + nic + ", ifup " + bridge
                : "Give " + nic + " its ifupdown stanza back (" + after.path() + "): ifdown " + bridge + ", ifup " + nic;
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(IfupdownSwapScript.swap(after, down(), up()));
    }

    /** The commands, with the file's diff after the text tee reads. */
    @Override
    public List<String> preview() {
        return FileDiff.afterWrite(commands(), FileDiff.of(Optional.of(before), Optional.of(after)));
    }

    @Override
    public void apply(Host host) {
        host.savedConfig().swapIfupdown(after, Optional.of(before.text()), down(), up());
        LinkSettles.await(host, bridge, bridged);
    }

    @Override
    public String bridgeNotMade() {
        return "ifup " + bridge + " did not make it with " + nic + " as its port";
    }

    @Override
    public Operation inverse() {
        return new IfupdownSwapOp(nic, bridge, !bridged, after, before);
    }

    private String down() {
        return bridged ? nic : bridge;
    }

    private String up() {
        return bridged ? bridge : nic;
    }
}
