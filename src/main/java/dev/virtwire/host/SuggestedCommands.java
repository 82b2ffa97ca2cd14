package dev.virtwire.host;

import dev.virtwire.host.exec.CommandLine;
import dev.virtwire.host.exec.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code virtwire} commands a message suggests, for the host the user works on: each carries the host
 * options that reach it ({@code --demo}, {@code --connect}, {@code --netns}, {@code --ssh}, {@code --state-dir}),
 * so that pasting it acts on the same host with the same history. The command line passes the options as the
 * user gave them; the window, those of the host it shows.
 */
public record SuggestedCommands(List<String> hostOptions) {

    public SuggestedCommands {
        hostOptions = List.copyOf(hostOptions);
    }

    /** For the local host with the default state dir: no host options. */
    public static SuggestedCommands local() {
        return new SuggestedCommands(List.of());
    }

    /** The options that reach this host with the history kept in this state dir. */
    public static SuggestedCommands forHost(HostAddress address, Path stateDir) {
        List<String> options = new ArrayList<>();
        if (address.isDemo()) {
            options.add("--demo");
        } else {
            if (!address.uri().equals(HostAddress.LOCAL_URI)) {
                options.addAll(List.of("--connect", address.uri()));
            }
            if (address.target() instanceof Target.Netns ns) {
                options.addAll(List.of("--netns", ns.name()));
            } else if (address.target() instanceof Target.Ssh ssh && HostAddress.sshLoginOf(address.uri()).isEmpty()) {
                options.addAll(List.of("--ssh", ssh.host()));
            }
        }
        options.addAll(List.of("--state-dir", stateDir.toString()));
        return new SuggestedCommands(options);
    }

    /** {@code virtwire ARGS... HOST-OPTIONS}, every word quoted for a POSIX shell. */
    public String line(String... args) {
        List<String> argv = new ArrayList<>(List.of("virtwire"));
        argv.addAll(List.of(args));
        argv.addAll(hostOptions);
        return CommandLine.of(argv);
    }
}
