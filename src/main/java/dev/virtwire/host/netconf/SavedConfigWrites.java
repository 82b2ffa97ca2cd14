package dev.virtwire.host.netconf;

import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.IfupdownSwapScript;
import dev.virtwire.host.NetworkdSwapScript;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.PrivilegedCommands;
import dev.virtwire.host.RevertWatchdogScript;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.UplinkRevertScript;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The saved network configuration of a real host, at its target with the privilege prefix: files checked
 * against what the plan found before they are replaced, nmcli, and NetworkManager's checkpoint over D-Bus
 * (busctl). Also reads a profile's keyfile for planning.
 */
public final class SavedConfigWrites implements SavedNetworkConfig {
    private static final List<String> FILENAMES = List.of("nmcli", "-t", "-f", "NAME,FILENAME", "connection", "show");
    private final PrivilegedCommands commands;
    private final HostTextFiles files;

    public SavedConfigWrites(CommandRunner runner, Privilege privilege) {
        this.commands = new PrivilegedCommands(runner, privilege);
        this.files = new HostTextFiles(commands);
    }

    /** The keyfile of the profile named so, with its mode and owner; empty when none is a keyfile. */
    public Optional<ConfigFile> keyfile(String profile) {
        Optional<String> path = NmcliTerse.rows(commands.run(FILENAMES), 2).stream()
                .filter(r -> r.get(0).equals(profile)).map(r -> r.get(1)).filter(f -> f.endsWith(".nmconnection"))
                .findFirst();
        return path.flatMap(this::file);
    }

    /** A file with its text, mode and owner; empty when it is not there. */
    public Optional<ConfigFile> file(String path) {
        Optional<ConfigFile> owned = files.modeAndOwner(path);
        return files.read(path).flatMap(text -> owned.map(o -> o.withText(text)));
    }

    /** Whether a file or directory is there ({@code stat}). */
    public boolean exists(String path) {
        return files.modeAndOwner(path).isPresent();
    }

    /**
     * Each command line, then what it printed (a manager's listing of its saved settings); the commands run at
     * once (firewall-cmd takes a second to start), their outputs kept in order.
     */
    public String listed(List<List<String>> argvs) {
        List<CompletableFuture<String>> runs = argvs.stream().map(argv -> Background.start("virtwire-listing",
                () -> String.join(" ", argv) + "\n" + commands.run(argv))).toList();
        return runs.stream().map(Background::joined).collect(Collectors.joining());
    }

    @Override
    public void writeFile(ConfigFile file, Optional<String> expected) {
        requireUnchanged(file.path(), expected);
        files.write(file);
    }

    @Override
    public void requireUnchanged(String path, Optional<String> expected) {
        Optional<String> now = files.read(path);
        if (!now.equals(expected)) {
            throw new HostException(path + (now.isEmpty() ? " is gone" : expected.isEmpty() ? " exists now"
                    : " was changed") + " since the plan was made: nothing of it was changed; plan again");
        }
    }

    @Override
    public void removeFile(String path, Optional<String> expected) {
        requireUnchanged(path, expected);
        files.remove(path);
    }

    @Override
    public void run(List<String> argv) {
        commands.run(argv);
    }

    @Override
    public void armCheckpoint(String id, Duration rollbackAfter) {
        List<HostCommand.Run> shown = SavedConfigCommands.armCheckpoint(id, (int) Math.max(1, rollbackAfter.toSeconds()));
        String checkpoint = SavedConfigCommands.checkpointPath(commands.run(shown.get(0)));
        commands.run(shown.get(1));
        commands.run(new HostCommand.Run(shown.get(2).argv(), checkpoint + "\n"));
    }

    /** No file kept: no checkpoint (it was confirmed or never armed); a file that cannot be read is a failure. */
    @Override
    public boolean destroyCheckpoint(String id) {
        String file = SavedConfigCommands.checkpointFile(id);
        Optional<String> kept = files.read(file);
        if (kept.isEmpty()) {
            return false;
        }
        boolean destroyed = commands.attempt(SavedConfigCommands.checkpointDestroy(kept.get().strip())).ok();
        commands.attempt(SavedConfigCommands.remove(file)); // a leftover file only names a checkpoint that is gone
        return destroyed;
    }

    @Override
    public List<String> checkpoints() {
        return SavedConfigCommands.checkpointPaths(commands.run(SavedConfigCommands.checkpointsHeld()));
    }

    /** The file staged with the mode and owner it has now, then the one command; read back after. */
    @Override
    public void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up) {
        requireUnchanged(file.path(), expected);
        ConfigFile kept = files.modeAndOwner(file.path()).map(file::withModeAndOwnerOf).orElse(file);
        IfupdownSwapScript.swap(kept, down, up).forEach(commands::run);
        requireUnchanged(file.path(), Optional.of(file.text()));
    }

    /** Each new text staged with the mode and owner its file has now, then the one command; read back after. */
    @Override
    public void swapNetworkd(List<ConfigFileChange> changes, String bridge, String nic, boolean bridged,
                             boolean netplan) {
        changes.forEach(c -> requireUnchanged(c.path(), c.before().map(ConfigFile::text)));
        List<ConfigFileChange> kept = changes.stream().map(c -> new ConfigFileChange(c.before(), c.after()
                .map(a -> files.modeAndOwner(a.path()).map(a::withModeAndOwnerOf).orElse(a)))).toList();
        NetworkdSwapScript.swap(kept, bridge, nic, bridged, netplan).forEach(commands::run);
        changes.forEach(c -> requireUnchanged(c.path(), c.after().map(ConfigFile::text)));
    }

    @Override
    public void armUplinkRevert(String id, LinkOwner manager, List<ConfigFileChange> changes, Optional<String> bridge,
                                String nic, List<String> ipBatch, Duration after) {
        UplinkRevertScript.arm(id, manager, changes, bridge, nic, ipBatch, (int) Math.max(1, after.toSeconds()))
                .forEach(commands::run);
    }

    /**
     * The armed file gone means the timer ran (or never was); any other failure (ssh, sudo) means it still runs, so
     * it throws and leaves the kept copies the timer needs.
     */
    @Override
    public boolean disarmUplinkRevert(String id, List<ConfigFileChange> changes) {
        List<HostCommand.Run> disarm = UplinkRevertScript.disarm(id, changes);
        if (!RevertWatchdogScript.disarmedInTime(commands, disarm.get(0))) {
            return false;
        }
        disarm.subList(1, disarm.size()).forEach(commands::attempt);
        return true;
    }

    @Override
    public boolean uplinkRevertRan(String id, List<ConfigFileChange> changes) {
        if (RevertWatchdogScript.ran(commands, id)) {
            return true;
        }
        // its armed file gone without its mark: it can never run, so its kept copies (in /etc) are of no use
        List<HostCommand.Run> disarm = UplinkRevertScript.disarm(id, changes);
        disarm.subList(1, disarm.size()).forEach(commands::attempt);
        return false;
    }
}
