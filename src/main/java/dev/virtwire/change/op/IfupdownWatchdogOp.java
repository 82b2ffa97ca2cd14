package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IfupdownSwapScript;
import dev.virtwire.model.ConfigFile;
import java.time.Duration;
import java.util.List;

/**
 * Arms (or disarms) Virtwire's watchdog for an uplink bridged through ifupdown, which has no checkpoint of its
 * own: unless the user confirms within {@code seconds}, the host itself takes the bridge down, puts the
 * interfaces file back as it was and brings the NIC up again, also when Virtwire's connection is lost.
 *
 * @param original the interfaces file as it was, put back by the revert
 */
public record IfupdownWatchdogOp(String id, int seconds, ConfigFile original, String bridge, String nic, boolean arm)
        implements ConfirmOrRevert {

    @Override
    public String describe() {
        return arm ? "Start the revert timer: without confirmation within " + seconds + " s the host takes " + bridge
                + " down, puts " + original.path() + " back as it was and brings " + nic + " up again"
                : "Stop the revert timer";
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(arm ? IfupdownSwapScript.arm(id, original, bridge, nic, seconds)
                : IfupdownSwapScript.disarm(id, original.path()));
    }

    /** Disarming a watchdog that already ran or was confirmed is fine: there is nothing left to stop. */
    @Override
    public void apply(Host host) {
        if (arm) {
            host.savedConfig().armIfupdownRevert(id, original, bridge, nic, Duration.ofSeconds(seconds));
        } else {
            host.savedConfig().disarmIfupdownRevert(id, original.path());
        }
    }

    @Override
    public boolean disarm(Host host) {
        return host.savedConfig().disarmIfupdownRevert(id, original.path());
    }

    @Override
    public Operation inverse() {
        return new IfupdownWatchdogOp(id, seconds, original, bridge, nic, !arm);
    }
}
