package dev.virtwire.change.op;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.RevertWatchdogScript;
import dev.virtwire.host.UplinkRevertScript;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Arms (or disarms) Virtwire's watchdog for a change of the host's own connection saved through a manager that has no
 * checkpoint of its own (ifupdown, systemd-networkd, netplan): unless the user confirms within {@code seconds}, the
 * host itself puts every file of the change back as it was, also when Virtwire's connection is lost. Bridging the
 * uplink, it deletes the bridge and has the manager bring the NIC up again; any other change (an MTU), it has the
 * manager read its files again and takes back what the change set live with {@code ip -batch}. With {@code manager}
 * NetworkManager, the files are netplan's YAML rendered for NetworkManager: its checkpoint, armed before and running
 * out first, takes back what runs, and this timer only puts the YAML back and has netplan render it again and
 * NetworkManager read that (else the next {@code netplan generate}, at the latest at boot, would bring the bridge back).
 *
 * @param files  the files the change touches; each one's {@code before} is what the revert puts back
 * @param bridge the bridge a bridging of the uplink makes; empty for any other change
 * @param nic    the uplink bridged, or the link the change is about
 * @param batch  the {@code ip -batch} lines that take back the change's live steps (empty when bridging)
 */
public record UplinkWatchdogOp(String id, int seconds, LinkOwner manager, List<ConfigFileChange> files,
                               Optional<String> bridge, String nic, List<String> batch, boolean arm)
        implements ConfirmOrRevert {

    public UplinkWatchdogOp {
        files = List.copyOf(files);
        batch = List.copyOf(batch);
    }

    /** The watchdog of bridging the uplink into {@code bridge}. */
    public static UplinkWatchdogOp bridging(String id, int seconds, LinkOwner manager, List<ConfigFileChange> files,
                                            String bridge, String nic) {
        return new UplinkWatchdogOp(id, seconds, manager, files, Optional.of(bridge), nic, List.of(), true);
    }

    /**
     * Also a journal entry from before networkd had one (ifupdown's, with its one interfaces file) and from before
     * other changes had one (no batch).
     */
    @JsonCreator
    static UplinkWatchdogOp read(@JsonProperty("id") String id, @JsonProperty("seconds") int seconds,
                                 @JsonProperty("manager") LinkOwner manager,
                                 @JsonProperty("files") List<ConfigFileChange> files,
                                 @JsonProperty("original") ConfigFile original,
                                 @JsonProperty("bridge") Optional<String> bridge,
                                 @JsonProperty("nic") String nic, @JsonProperty("batch") List<String> batch,
                                 @JsonProperty("arm") boolean arm) {
        Optional<String> made = bridge == null ? Optional.empty() : bridge;
        List<String> lines = batch == null ? List.of() : batch;
        return files == null ? new UplinkWatchdogOp(id, seconds, LinkOwner.IFUPDOWN, List.of(new ConfigFileChange(
                Optional.of(original), Optional.of(original))), made, nic, lines, arm)
                : new UplinkWatchdogOp(id, seconds, manager, files, made, nic, lines, arm);
    }

    @Override
    public String describe() {
        if (!arm) {
            return "Stop the revert timer";
        }
        String paths = String.join(", ", files.stream().map(ConfigFileChange::path).toList());
        if (manager == LinkOwner.NETWORK_MANAGER) {
            return "Start the revert timer for netplan's files: without confirmation within " + seconds + " s the "
                    + "host puts " + paths + " back as they were, renders them again (netplan generate) and has "
                    + "NetworkManager read them (nmcli connection reload), after its checkpoint took back what runs";
        }
        return "Start the revert timer: without confirmation within " + seconds + " s the host " + bridge.map(b ->
                "deletes " + b + ", puts " + paths + " back as they were and has " + manager.json() + " bring " + nic
                        + " up again").orElse("puts " + paths + " back as they were" + (manager == LinkOwner.IFUPDOWN
                ? "" : ", has " + manager.json() + " read them again") + " and takes back what changed on " + nic
                + " (ip -batch: " + String.join("; ", batch) + ")");
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(arm ? UplinkRevertScript.arm(id, manager, files, bridge, nic, batch, seconds)
                : UplinkRevertScript.disarm(id, files));
    }

    /** Disarming a watchdog that already ran or was confirmed is fine: there is nothing left to stop. */
    @Override
    public void apply(Host host) {
        if (arm) {
            host.savedConfig().armUplinkRevert(id, manager, files, bridge, nic, batch, Duration.ofSeconds(seconds));
        } else {
            host.savedConfig().disarmUplinkRevert(id, files);
        }
    }

    @Override
    public boolean disarm(Host host) {
        return host.savedConfig().disarmUplinkRevert(id, files);
    }

    @Override
    public Optional<Boolean> ran(Host host) {
        return Optional.of(host.savedConfig().uplinkRevertRan(id, files));
    }

    @Override
    public String timerName() {
        return manager == LinkOwner.NETWORK_MANAGER ? "Virtwire's timer for netplan's files" : "Virtwire's revert timer";
    }

    @Override
    public String atDeadline() {
        List<String> paths = files.stream().map(ConfigFileChange::path).toList();
        String back = "puts " + String.join(" and ", paths) + " back as " + (paths.size() == 1 ? "it was" : "they were");
        if (manager == LinkOwner.NETWORK_MANAGER) {
            return back + ", has netplan render them again and NetworkManager read them (netplan generate, nmcli "
                    + "connection reload): the change is then no longer saved";
        }
        return bridge.map(b -> "deletes " + b + ", " + back + " and has " + manager.json() + " bring " + nic
                + " up again").orElse(back + " and takes back what changed on " + nic);
    }

    @Override
    public String stopOnHost() {
        return String.join(" ", RevertWatchdogScript.disarm(id));
    }

    @Override
    public Operation inverse() {
        return new UplinkWatchdogOp(id, seconds, manager, files, bridge, nic, batch, !arm);
    }
}
