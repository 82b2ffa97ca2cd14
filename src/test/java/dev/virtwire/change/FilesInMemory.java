package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.netconf.HostCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host's saved files in memory, changed by the steps of a plan as the real host changes them (each write or removal
 * refused when the file is not as the step found it), the managers' commands recorded; and those files answered to
 * the saved-configuration reader as the host's {@code cat} and {@code ls} answer (any other tool is not installed).
 */
final class FilesInMemory {
    final Map<String, ConfigFile> files;
    final List<String> commands = new ArrayList<>();
    /** Whether the manager's last command made links (for its wait until they are there) or deleted them. */
    private boolean made;

    FilesInMemory(Map<String, ConfigFile> files) {
        this.files = new TreeMap<>(files);
    }

    /** Applies the steps, libvirt's and the kernel's own aside (the guest's NIC and what runs are not checked here). */
    void apply(List<Operation> ops) {
        SimulatedHostSaving host = new SimulatedHostSaving(SimulatedHost.demo(), savedConfig(), files);
        ops.stream().filter(op -> !(op instanceof dev.virtwire.change.op.AttachNicOp)
                && op.ipCommand().isEmpty()).forEach(op -> op.apply(host));
    }

    /** Undoes the steps as the history does: each one's inverse, last first. */
    void undo(List<Operation> ops) {
        List<Operation> inverse = new ArrayList<>();
        for (int k = ops.size() - 1; k >= 0; k--) {
            inverse.add(ops.get(k).inverse());
        }
        apply(inverse);
    }

    private SavedNetworkConfig savedConfig() {
        return (SavedNetworkConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SavedNetworkConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "writeFile" -> {
                            ConfigFile file = (ConfigFile) args[0];
                            require(file.path(), cast(args[1]));
                            files.put(file.path(), file);
                        }
                        case "removeFile" -> {
                            require((String) args[0], cast(args[1]));
                            files.remove((String) args[0]);
                        }
                        case "requireUnchanged" -> require((String) args[0], cast(args[1]));
                        case "run" -> run(cast(args[0]));
                        default -> throw new UnsupportedOperationException(method.getName() + " is not expected here");
                    }
                    return null;
                });
    }

    private void run(List<String> argv) {
        if (argv.subList(0, Math.min(3, argv.size())).equals(List.of("ip", "link", "show"))) {
            if (!made) {
                throw new HostException("Device \"" + argv.get(argv.size() - 1) + "\" does not exist.");
            }
            return;
        }
        commands.add(String.join(" ", argv));
        if (argv.size() == 5 && argv.subList(0, 4).equals(List.of("nmcli", "connection", "delete", "uuid"))) {
            // NetworkManager removes the keyfile of a profile it deletes
            files.values().removeIf(f -> f.text().contains("\nuuid=" + argv.get(4) + "\n"));
        }
        made = !(argv.contains("delete") || argv.get(0).equals("ifdown"));
    }

    private void require(String path, Optional<String> expected) {
        Optional<String> now = Optional.ofNullable(files.get(path)).map(ConfigFile::text);
        if (!now.equals(expected)) {
            throw new HostException(path + " changed since the plan was made");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** The files as the host's {@code cat} and {@code ls} show them; every other program is not installed. */
    HostCommands asHost() {
        return argv -> {
            if (argv.equals(HostTextFiles.readArgv(argv.get(argv.size() - 1)))) {
                ConfigFile f = files.get(argv.get(argv.size() - 1));
                return f != null ? new CommandResult(argv, 0, f.text(), "")
                        : new CommandResult(argv, 1, "", "cat: " + argv.get(argv.size() - 1) + ": No such file or "
                        + "directory");
            }
            if (argv.size() == 6 && argv.get(2).equals("ls")) {
                String dir = argv.get(5) + "/";
                List<String> names = files.keySet().stream().filter(p -> p.startsWith(dir)
                        && p.indexOf('/', dir.length()) < 0).map(p -> p.substring(dir.length())).toList();
                return names.isEmpty() ? new CommandResult(argv, 2, "", "ls: cannot access '" + argv.get(5)
                        + "': No such file or directory") : new CommandResult(argv, 0, String.join("\n", names)
                        + "\n", "");
            }
            return new CommandResult(argv, 127, "", "sh: 1: " + argv.get(0) + ": not found");
        };
    }
}
