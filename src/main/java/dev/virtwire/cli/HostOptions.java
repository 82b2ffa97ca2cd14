package dev.virtwire.cli;

import dev.virtwire.change.Changes;
import dev.virtwire.change.RouteMemory;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which host a command works on, and where its history lives: shared by every command. */
public final class HostOptions {
    @Option(names = "--demo", description = "Use the built-in demo host (changes last only for this process).")
    boolean demo;

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "libvirt URI, e.g. qemu:///system, qemu+ssh://root@kvm1/system, test:///default "
                    + "(default: ${DEFAULT-VALUE}).", defaultValue = HostAddress.LOCAL_URI)
    String uri;

    @Option(names = "--netns", paramLabel = "NS", description = "Run kernel and firewall commands inside this "
            + "network namespace (e.g. the lab's).")
    String netns;

    @Option(names = "--ssh", paramLabel = "HOST", description = "Run kernel and firewall commands on HOST over "
            + "ssh (implied by a qemu+ssh:// URI).")
    String ssh;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the change history is kept "
            + "(default: $XDG_STATE_HOME/virtwire).")
    Path stateDir;

    public HostAddress address() {
        if (demo) {
            return HostAddress.demo();
        }
        if (netns != null && ssh != null) {
            throw new IllegalArgumentException("--netns and --ssh name two different places for the host's "
                    + "kernel commands: give one of them");
        }
        if (netns != null) {
            return new HostAddress(uri, new Target.Netns(netns));
        }
        return ssh != null ? new HostAddress(uri, new Target.Ssh(ssh)) : HostAddress.of(uri);
    }

    /** The state directory given, or the XDG default. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** The default routes seen on this host (kept in the state dir). */
    RouteMemory routeMemory() {
        return new RouteMemory(stateDir().orElseGet(Changes::defaultStateDir), address());
    }

}
