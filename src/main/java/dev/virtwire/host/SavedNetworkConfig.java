package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The host's saved network configuration, changed through its manager: files written as
 * {@link SavedConfigCommands} writes them, the manager's own commands, NetworkManager's checkpoint.
 */
public interface SavedNetworkConfig {

    /**
     * Writes the file atomically (a new file beside it with its mode and owner, renamed over it), if it is still
     * as the plan found it.
     *
     * @param expected the text the plan found; empty: the file did not exist
     * @throws HostException naming the file when it changed since, or when it cannot be written
     */
    void writeFile(ConfigFile file, Optional<String> expected);

    /** Fails, naming the file, when it is not as the plan found it (empty: absent). */
    void requireUnchanged(String path, Optional<String> expected);

    /** Removes the file if it is still as the plan found it. */
    void removeFile(String path, Optional<String> expected);

    /** Runs one of the manager's own commands ({@code nmcli ...}). */
    void run(List<String> argv);

    /**
     * Creates a NetworkManager checkpoint of every device that rolls back by itself after {@code rollbackAfter}
     * unless {@link #destroyCheckpoint} comes first; the host remembers it under {@code id}.
     */
    void armCheckpoint(String id, Duration rollbackAfter);

    /** Keeps the changes made since: false when the checkpoint is gone (it rolled back, or never existed). */
    boolean destroyCheckpoint(String id);

    /**
     * The checkpoints NetworkManager holds now, by their D-Bus paths: a checkpoint's own record on the host may be gone
     * (/run emptied) while NetworkManager still holds it, and will roll back when it runs out.
     *
     * @throws HostException when NetworkManager could not be asked
     */
    List<String> checkpoints();

    /**
     * ifupdown: {@code down} taken down, the file put in place (if it is still as the plan found it) and {@code up}
     * brought up, in one command on the host ({@link IfupdownSwapScript#swap}).
     */
    void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up);

    /**
     * systemd-networkd: each file put in place (if it is still as the plan found it), networkd's files read again and
     * the NIC configured anew, in one command on the host ({@link NetworkdSwapScript#swap}); {@code netplan}: the
     * files are netplan's YAML, rendered for networkd in between.
     */
    void swapNetworkd(List<ConfigFileChange> files, String bridge, String nic, boolean bridged, boolean netplan);

    /**
     * ifupdown, networkd and netplan (its {@code netplan try} needs a terminal) have no checkpoint: a watchdog on
     * the host that, unless disarmed within {@code after}, puts every file back as it was: bridging the uplink, with
     * the bridge deleted before and the NIC brought up by the manager after; otherwise ({@code bridge} empty), with the
     * files read again by the manager and {@code ipBatch} run after ({@link UplinkRevertScript#arm}).
     */
    void armUplinkRevert(String id, LinkOwner manager, List<ConfigFileChange> files, Optional<String> bridge,
                         String nic, List<String> ipBatch, Duration after);

    /** Keeps the change: false when the watchdog is gone (it reverted, or never existed). */
    boolean disarmUplinkRevert(String id, List<ConfigFileChange> files);

    /**
     * After {@link #disarmUplinkRevert} found it gone: true when the watchdog ran (it left its mark), false when it
     * never ran (the host restarted, or /run was emptied, before the deadline), and then the copies it kept of the
     * files go too (nothing will put them back). Reading the mark removes it.
     *
     * @throws HostException when the host could not say
     */
    boolean uplinkRevertRan(String id, List<ConfigFileChange> files);
}
