package dev.virtwire.change.op;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.UplinkRevertScript;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Arms (or disarms) Virtwire's watchdog for an uplink bridged through a manager that has no checkpoint of its own
 * (ifupdown, systemd-networkd): unless the user confirms within {@code seconds}, the host itself deletes the bridge,
 * puts every file of the change back as it was and has the manager bring the NIC up again, also when Virtwire's
 * connection is lost. With {@code manager} NetworkManager, the files are netplan's YAML rendered for NetworkManager:
 * its checkpoint, armed before and running out first, takes back what runs, and this timer only puts the YAML back
 * and has netplan render it again and NetworkManager read that (else the next {@code netplan generate}, at the latest
 * at boot, would bring the bridge back).
 *
 * @param files the files the change touches; each one's {@code before} is what the revert puts back
 */
public record UplinkWatchdogOp(String id, int seconds, LinkOwner manager, List<ConfigFileChange> files, String bridge,
                               String nic, boolean arm) implements ConfirmOrRevert {

    public UplinkWatchdogOp {
        files = List.copyOf(files);
    }

    /** Also a journal entry from before networkd had one: ifupdown's, with its one interfaces file. */
    @JsonCreator
    static UplinkWatchdogOp read(@JsonProperty("id") String id, @JsonProperty("seconds") int seconds,
                                 @JsonProperty("manager") LinkOwner manager,
                                 @JsonProperty("files") List<ConfigFileChange> files,
                                 @JsonProperty("original") ConfigFile original, @JsonProperty("bridge") String bridge,
                                 @JsonProperty("nic") String nic, @JsonProperty("arm") boolean arm) {
        return files == null ? new UplinkWatchdogOp(id, seconds, LinkOwner.IFUPDOWN, List.of(new ConfigFileChange(
                Optional.of(original), Optional.of(original))), bridge, nic, arm)
                : new UplinkWatchdogOp(id, seconds, manager, files, bridge, nic, arm);
    }

    @Override
    public String describe() {
        if (arm && manager == LinkOwner.NETWORK_MANAGER) {
            return "Start the revert timer for netplan's files: without confirmation within " + seconds + " s the "
                    + "host puts " + String.join(", ", files.stream().map(ConfigFileChange::path).toList()) + " back "
                    + "as they were, renders them again (netplan generate) and has NetworkManager read them (nmcli "
                    + "connection reload), after its checkpoint took back what runs";
        }
        return arm ? "Start the revert timer: without confirmation within " + seconds + " s the host deletes " + bridge
                + ", puts " + String.join(", ", files.stream().map(ConfigFileChange::path).toList())
                + " back as they were and has " + manager.json() + " bring " + nic + " up again"
                : "Stop the revert timer";
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(arm ? UplinkRevertScript.arm(id, manager, files, bridge, nic, seconds)
                : UplinkRevertScript.disarm(id, files));
    }

    /** Disarming a watchdog that already ran or was confirmed is fine: there is nothing left to stop. */
    @Override
    public void apply(Host host) {
        if (arm) {
            host.savedConfig().armUplinkRevert(id, manager, files, bridge, nic, Duration.ofSeconds(seconds));
        } else {
            host.savedConfig().disarmUplinkRevert(id, files);
        }
    }

    @Override
    public boolean disarm(Host host) {
        return host.savedConfig().disarmUplinkRevert(id, files);
    }

    @Override
    public Operation inverse() {
        return new UplinkWatchdogOp(id, seconds, manager, files, bridge, nic, !arm);
    }
}
