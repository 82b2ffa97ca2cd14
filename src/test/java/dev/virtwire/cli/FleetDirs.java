package dev.virtwire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fleet commands' tests: a command run with its config and state dirs in a test's folder, and a fleet list. */
final class FleetDirs {
    private FleetDirs() {
    }

    /** {@code virtwire ARGS --config-dir DIR/config --state-dir DIR/state}. */
    static CliRun run(Path dir, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config-dir";
        all[args.length + 1] = dir.resolve("config").toString();
        all[args.length + 2] = "--state-dir";
        all[args.length + 3] = dir.resolve("state").toString();
        return CliRun.of(all);
    }

    /** The demo host under two names, kvm1 and kvm2 (hosts add refuses one address twice): neighbours on one LAN. */
    static void twoDemoHosts(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/hosts.json"), """
                {"hosts": [{"name": "kvm1", "uri": "demo:///", "netns": null, "ssh": null},
                           {"name": "kvm2", "uri": "demo:///", "netns": null, "ssh": null}]}""");
    }
}
