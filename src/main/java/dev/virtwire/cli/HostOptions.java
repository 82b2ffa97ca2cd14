package dev.virtwire.cli;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import java.net.URI;
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
        Target target = netns != null ? new Target.Netns(netns)
                : ssh != null ? new Target.Ssh(ssh)
                : sshHostOf(uri).<Target>map(Target.Ssh::new).orElseGet(Target.Local::new);
        return new HostAddress(uri, target);
    }

    /** The state directory given, or the XDG default. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** qemu+ssh://user@host:port/system reaches the host's kernel through the same ssh login. */
    static Optional<String> sshHostOf(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || !parsed.getScheme().endsWith("+ssh") || parsed.getHost() == null) {
                return Optional.empty();
            }
            String user = parsed.getUserInfo();
            return Optional.of(user == null ? parsed.getHost() : user + "@" + parsed.getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
