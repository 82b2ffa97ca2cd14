package dev.virtwire.host;

import dev.virtwire.host.exec.Target;
import java.net.URI;
import java.util.Optional;

/**
 * How to reach a host: a libvirt URI plus where its kernel and firewall commands run. The URI
 * {@value #DEMO_URI} is the built-in demo host.
 */
public record HostAddress(String uri, Target target) {
    public static final String DEMO_URI = "demo:///";
    public static final String LOCAL_URI = "qemu:///system";

    public static HostAddress demo() {
        return new HostAddress(DEMO_URI, new Target.Local());
    }

    public static HostAddress local() {
        return new HostAddress(LOCAL_URI, new Target.Local());
    }

    /**
     * The host at a URI, its kernel and firewall reached the way libvirt reaches it: over the same ssh login
     * (and ssh client, libvirt's {@code command=} parameter) for {@code qemu+ssh://user@host:port/...}, else
     * on this machine.
     */
    public static HostAddress of(String uri) {
        if (uri.equals(DEMO_URI)) {
            return demo();
        }
        String client = queryParameter(uri, "command").orElse("ssh");
        return new HostAddress(uri, sshLoginOf(uri).<Target>map(login -> new Target.Ssh(login, client))
                .orElseGet(Target.Local::new));
    }

    private static Optional<String> queryParameter(String uri, String name) {
        String query = URI.create(uri).getQuery();
        if (query == null) {
            return Optional.empty();
        }
        return java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).filter(v -> !v.isEmpty()).findFirst();
    }

    /** {@code user@host}, with {@code :port} when the URI names one, of a {@code *+ssh://} URI. */
    public static Optional<String> sshLoginOf(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || !parsed.getScheme().endsWith("+ssh") || parsed.getHost() == null) {
                return Optional.empty();
            }
            String user = parsed.getUserInfo();
            String login = user == null ? parsed.getHost() : user + "@" + parsed.getHost();
            return Optional.of(parsed.getPort() > 0 ? login + ":" + parsed.getPort() : login);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Where the demo host's state and history are kept in a state dir. */
    public static java.nio.file.Path demoStateDir(java.nio.file.Path stateDir) {
        return stateDir.resolve("demo");
    }

    public boolean isDemo() {
        return uri.equals(DEMO_URI);
    }

    /** How the window and messages name this host. */
    public String describe() {
        return isDemo() ? "demo host" : target instanceof Target.Local ? uri : uri + " (" + target.describe() + ")";
    }
}
