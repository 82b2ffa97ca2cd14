package dev.virtwire.cli.session;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.virtwire.log.Log;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A warm JVM that answers the command lines {@link SessionAddress} names, one at a time, on its Unix socket:
 * the classes loaded and the code compiled stay, the host is read afresh for every command (nothing is cached
 * between two). It listens on no network, answers only its own user (the peer's uid, SO_PEERCRED), runs the same
 * command code as the command line (the same journal lock), and ends after a spell without commands or when its
 * socket is removed. Only one runs per address: it holds the address's lock file for its whole life.
 */
public final class ResidentSession implements AutoCloseable {
    private static final Duration CHECK = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SessionAddress address;
    private final FileChannel lockFile;
    private final ServerSocketChannel server;
    private final Object socketKey;
    private final UserPrincipal owner;
    private final Map<String, String> env;
    private final String program;

    private ResidentSession(SessionAddress address, Map<String, String> env, String program, FileChannel lockFile,
            ServerSocketChannel server, Object socketKey) throws IOException {
        this.address = address;
        this.env = env;
        this.program = program;
        this.lockFile = lockFile;
        this.server = server;
        this.socketKey = socketKey;
        this.owner = Files.getOwner(Path.of("/proc/self")); // the process's own user
    }

    /**
     * Started by the launcher (detached, in /): reads the command line it was started for from stdin (NUL
     * after each argument, so no host name shows in the process list), listens at that command line's address and
     * answers until idle ({@code VIRTWIRE_SESSION_IDLE_MINUTES}, default 10). Says nothing: the launcher's client
     * runs the command itself when no session answers.
     */
    public static void main(String[] ignored) {
        try {
            String[] args = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\0");
            Map<String, String> env = System.getenv();
            String program = SessionAddress.program();
            Optional<SessionAddress> address = SessionAddress.of(args, env, program);
            if (address.isPresent()) {
                Optional<ResidentSession> session = listen(address.get(), env, program);
                if (session.isPresent()) {
                    try (ResidentSession listening = session.get()) {
                        listening.serve(SessionCommand.prepared(args), idle());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.unexpected("the resident session", e); // in the log; clients run their commands themselves
        }
        System.exit(0); // libvirt's and the JVM's own threads would keep it alive
    }

    private static Duration idle() {
        try {
            return Duration.ofMinutes(Math.max(1, Long.parseLong(System.getenv()
                    .getOrDefault("VIRTWIRE_SESSION_IDLE_MINUTES", ""))));
        } catch (NumberFormatException e) {
            return IDLE;
        }
    }

    /**
     * Listens at the address, or empty when another session already does (it holds the lock) or the runtime dir
     * is not private to this user.
     */
    static Optional<ResidentSession> listen(SessionAddress address, Map<String, String> env, String program)
            throws IOException {
        if (!address.makePrivateDir()) {
            return Optional.empty();
        }
        FileChannel lockFile = FileChannel.open(address.lock(), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        FileLock held;
        try {
            held = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null; // held by a session of this very JVM
        }
        if (held == null) {
            lockFile.close();
            return Optional.empty();
        }
        Files.deleteIfExists(address.socket()); // a session's that ended without removing it: the lock says so
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(address.socket()));
        Files.setPosixFilePermissions(address.socket(), OWNER_ONLY);
        Object key = Files.readAttributes(address.socket(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        return Optional.of(new ResidentSession(address, env, program, lockFile, server, key));
    }

    /**
     * Answers command lines with {@code command} until {@code idle} passes without one, or the socket is no
     * longer this session's (removed by the user, or the runtime dir cleared at logout).
     */
    void serve(Function<String[], SessionProtocol.Reply> command, Duration idle) throws IOException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            long lastCommand = System.nanoTime();
            while (System.nanoTime() - lastCommand < idle.toNanos() && socketIsOurs()) {
                selector.select(Math.min(CHECK.toMillis(), idle.toMillis()));
                selector.selectedKeys().clear();
                for (SocketChannel client = server.accept(); client != null; client = server.accept()) {
                    answer(client, command);
                    lastCommand = System.nanoTime();
                }
            }
        }
    }

    private void answer(SocketChannel client, Function<String[], SessionProtocol.Reply> command) {
        try (client) {
            client.configureBlocking(true);
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!owner.equals(peer.user())) {
                return; // another user's process (the dir's mode should have kept it out): no word to it
            }
            String[] args = SessionProtocol.readRequest(Channels.newInputStream(client));
            // a command line of another address (another host, another environment) is not this session's
            SessionProtocol.Reply reply = SessionAddress.of(args, env, program)
                    .filter(asked -> asked.socket().equals(address.socket())).isPresent()
                    ? command.apply(args) : SessionProtocol.Reply.notServed();
            SessionProtocol.writeReply(new BufferedOutputStream(Channels.newOutputStream(client)), reply);
        } catch (IOException | RuntimeException e) {
            // the client went away, sent no request, or the command failed: it gets no answer (the socket closes)
            // and runs the command itself
        }
    }

    private boolean socketIsOurs() {
        try {
            return Objects.equals(socketKey, Files.readAttributes(address.socket(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the socket (when it is still this session's) and lets the lock go. */
    @Override
    public void close() throws IOException {
        try {
            if (socketIsOurs()) {
                Files.deleteIfExists(address.socket());
            }
            server.close();
        } finally {
            lockFile.close();
        }
    }
}
