package dev.virtwire.host.netconf;

import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.ConfigFile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The saved network configuration of a real host, at its target with the privilege prefix: files checked
 * against what the plan found before they are replaced, nmcli, and NetworkManager's checkpoint over D-Bus
 * (busctl). Also reads a profile's keyfile for planning.
 */
public final class SavedConfigWrites implements SavedNetworkConfig {
    private static final List<String> FILENAMES = List.of("nmcli", "-t", "-f", "NAME,FILENAME", "connection", "show");
    private final CommandRunner runner;
    private final Privilege privilege;

    public SavedConfigWrites(CommandRunner runner, Privilege privilege) {
        this.runner = runner;
        this.privilege = privilege;
    }

    /** The keyfile of the profile named so, with its mode and owner; empty when none is a keyfile. */
    public Optional<ConfigFile> keyfile(String profile) {
        Optional<String> path = NmcliTerse.rows(output(FILENAMES), 2).stream().filter(r -> r.get(0).equals(profile))
                .map(r -> r.get(1)).filter(f -> f.endsWith(".nmconnection")).findFirst();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String[] stat = output(List.of("stat", "-c", "%a:%U:%G", "--", path.get())).strip().split(":");
        if (stat.length != 3) {
            throw new HostException("cannot read the mode and owner of " + path.get());
        }
        return current(path.get()).map(text -> new ConfigFile(path.get(), text, stat[0], stat[1], stat[2]));
    }

    @Override
    public void writeFile(ConfigFile file, Optional<String> expected) {
        requireUnchanged(file.path(), expected);
        SavedConfigCommands.write(file).forEach(this::run);
        if (!current(file.path()).equals(Optional.of(file.text()))) {
            throw new HostException(file.path() + " does not hold what was written to it");
        }
    }

    @Override
    public void requireUnchanged(String path, Optional<String> expected) {
        Optional<String> now = current(path);
        if (!now.equals(expected)) {
            throw new HostException(path + (now.isEmpty() ? " is gone" : expected.isEmpty() ? " exists now"
                    : " was changed") + " since the plan was made: nothing of it was changed; plan again");
        }
    }

    @Override
    public void removeFile(String path, Optional<String> expected) {
        requireUnchanged(path, expected);
        run(SavedConfigCommands.remove(path));
    }

    @Override
    public void run(List<String> argv) {
        run(new HostCommand.Run(argv));
    }

    @Override
    public void armCheckpoint(String id, Duration rollbackAfter) {
        List<HostCommand.Run> shown = SavedConfigCommands.armCheckpoint(id, (int) Math.max(1, rollbackAfter.toSeconds()));
        String checkpoint = SavedConfigCommands.checkpointPath(run(shown.get(0)));
        run(shown.get(1));
        run(new HostCommand.Run(shown.get(2).argv(), checkpoint + "\n"));
    }

    @Override
    public boolean destroyCheckpoint(String id) {
        CommandResult kept = runner.run(privilege.wrap(List.of("cat", SavedConfigCommands.checkpointFile(id))));
        if (!kept.ok()) {
            return false;
        }
        boolean destroyed = runner.run(privilege.wrap(SavedConfigCommands.checkpointDestroy(kept.stdout().strip())))
                .ok();
        runner.run(privilege.wrap(SavedConfigCommands.remove(SavedConfigCommands.checkpointFile(id))));
        return destroyed;
    }

    /** The file's text, or empty when it does not exist. */
    private Optional<String> current(String path) {
        CommandResult r = runner.run(privilege.wrap(List.of("env", "LC_ALL=C", "cat", "--", path)));
        if (r.ok()) {
            return Optional.of(r.stdout());
        }
        if (r.stderr().contains("No such file or directory")) {
            return Optional.empty();
        }
        throw new HostException("cannot read " + path + " on " + runner.target().describe() + ": " + r.stderr().strip());
    }

    private String output(List<String> argv) {
        return run(new HostCommand.Run(argv));
    }

    private String run(HostCommand.Run command) {
        CommandResult r = runner.run(privilege.wrap(command.argv()), command.input());
        if (!r.ok()) {
            throw new HostException("'" + r.commandLine() + "' failed on " + runner.target().describe() + " (exit "
                    + r.exitCode() + "): " + r.stderr().strip());
        }
        return r.stdout();
    }
}
