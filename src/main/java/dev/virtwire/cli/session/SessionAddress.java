package dev.virtwire.cli.session;

import dev.virtwire.host.exec.PrivateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the resident session for a command line listens: a Unix socket in the user's own runtime dir (mode 0700),
 * named after what the answer depends on besides the command: the host options, the environment variables the
 * command reads, and the program itself (its jar's path and time, so a rebuilt program gets a new session).
 * Only java.base: the client loads this class at every start.
 */
public final class SessionAddress {
    /** The environment a command's answer may depend on (host defaults, state and config dirs, tools, locale). */
    static final List<String> ENVIRONMENT = List.of("HOME", "USER", "PATH", "LANG", "LC_ALL", "LC_CTYPE",
            "XDG_STATE_HOME", "XDG_CONFIG_HOME", "LIBVIRT_DEFAULT_URI", "SSH_AUTH_SOCK", "VIRTWIRE_JAVA_OPTS",
            "VIRTWIRE_SSH_SHARING", "VIRTWIRE_PRIVILEGE");
    private static final String DIR = "virtwire-session";

    private final Path dir;
    private final String key;

    SessionAddress(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /**
     * The session's address for this command line, or empty when a session does not serve it. A session serves
     * {@code topology} on one host, with no option beyond the host's and the output format: those answers depend
     * on nothing the socket's name does not hold (no file path relative to a working directory, no prompt).
     */
    public static Optional<SessionAddress> of(String[] args, Map<String, String> env, String program) {
        if (args.length == 0 || !args[0].equals("topology")) {
            return Optional.empty();
        }
        StringBuilder what = new StringBuilder(program);
        int connects = 0;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json") || arg.equals("--dot")) {
                continue; // the output format: the same session answers all of them
            }
            if (arg.equals("--demo")) {
                what.append("\0--demo");
            } else if ((arg.equals("-c") || arg.equals("--connect") || arg.equals("--netns"))
                    && i + 1 < args.length) {
                connects += arg.equals("--netns") ? 0 : 1;
                what.append('\0').append(arg.equals("-c") ? "--connect" : arg).append('=').append(args[++i]);
            } else if (arg.startsWith("--connect=") || arg.startsWith("--netns=")) {
                connects += arg.startsWith("--connect=") ? 1 : 0;
                what.append('\0').append(arg);
            } else {
                return Optional.empty();
            }
        }
        if (connects > 1) {
            return Optional.empty(); // several hosts: the fleet's reading, left to the command line
        }
        for (String name : ENVIRONMENT) {
            what.append('\0').append(name).append('=').append(env.getOrDefault(name, ""));
        }
        return Optional.of(new SessionAddress(PrivateFolder.inRuntimeDir(env, DIR), hash(what)));
    }

    /**
     * The program a session runs: the JVM and virtwire.jar next to the first classpath entry (the launcher puts
     * virtwire.jar first for the session, and the client's small jar beside it), with the jar's time.
     */
    public static String program() {
        Path first = Path.of(System.getProperty("java.class.path", "").split(":", 2)[0]).toAbsolutePath().normalize();
        Path jar = first.resolveSibling("virtwire.jar");
        long modified;
        try {
            modified = Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | RuntimeException e) {
            modified = 0;
        }
        return System.getProperty("java.home") + "\0" + jar + "\0" + modified;
    }

    /** The socket: {@code $XDG_RUNTIME_DIR/virtwire-session/KEY.sock}, or under /tmp in a dir named after the user. */
    public Path socket() {
        return dir.resolve(key + ".sock");
    }

    /** Held by the running session for its whole life: the one lock that makes it the only one. */
    Path lock() {
        return dir.resolve(key + ".lock");
    }

    Path dir() {
        return dir;
    }

    /** True when the dir is this user's alone ({@link PrivateFolder}): the client trusts no socket elsewhere. */
    boolean dirIsPrivate() {
        return PrivateFolder.isPrivate(dir);
    }

    /** Makes the dir (0700) when it is missing; true when it is then private. */
    boolean makePrivateDir() {
        return PrivateFolder.make(dir).isPresent();
    }

    /** 64 bits of FNV-1a: a name, not a secret (the dir's permissions are the guard). No MessageDigest: fast. */
    static String hash(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return Long.toHexString(h);
    }
}
