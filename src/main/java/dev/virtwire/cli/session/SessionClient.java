package dev.virtwire.cli.session;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's first try for a command a resident session can answer: hands the command line to the session
 * and prints its answer. Loads nothing but java.base (it starts in a few dozen milliseconds); never prints a
 * word of its own: when there is no answer it says so by its exit code and the launcher runs the command itself.
 */
public final class SessionClient {
    /** Exit code: a session does not serve this command line; run it in process, start no session. */
    public static final int NOT_FOR_A_SESSION = 124;
    /** Exit code: no session answered (none runs, or it failed); start one, or run the command in process. */
    public static final int NO_SESSION = 125;
    private static final long WAIT_FOR_START_MS = 60_000;
    /**
     * A session that has not answered this long after the client started (its own start included) is taken for
     * hung (stopped, stuck): the command runs here. A session answers one command at a time, so this is a bound,
     * not a typical wait.
     */
    private static final long WAIT_FOR_ANSWER_MS = 120_000;
    /** Whether the answer is being printed: from then on the command is the session's, however long it takes. */
    private static boolean printing;

    private SessionClient() {
    }

    /**
     * Arguments: the command line. With VIRTWIRE_SESSION_STARTING=PID (the session the launcher just started),
     * waits for that session's socket as long as the process lives, at most a minute.
     */
    public static void main(String[] args) {
        Thread hung = new Thread(SessionClient::runHereIfNoAnswer, "no answer");
        hung.setDaemon(true);
        hung.start();
        int code;
        try {
            code = run(args, System.getenv(), SessionAddress.program(), starting(),
                    new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        } catch (RuntimeException | Error e) {
            code = NO_SESSION; // whatever went wrong here, the command itself still runs
        }
        System.exit(code);
    }

    private static void runHereIfNoAnswer() {
        try {
            Thread.sleep(WAIT_FOR_START_MS + WAIT_FOR_ANSWER_MS);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (SessionClient.class) {
            if (!printing) {
                Runtime.getRuntime().halt(NOT_FOR_A_SESSION); // nothing printed: the launcher runs the command
            }
        }
    }

    private static synchronized void printing() {
        printing = true;
    }

    /** The session the launcher just started (no lambda, no regex: each costs milliseconds at start). */
    private static Optional<Long> starting() {
        try {
            return Optional.of(Long.parseLong(System.getenv().getOrDefault("VIRTWIRE_SESSION_STARTING", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The command's exit code when the session answered (its output written), else one of the codes above. */
    static int run(String[] args, Map<String, String> env, String program, Optional<Long> starting,
            OutputStream out, OutputStream err) {
        Optional<SessionAddress> address = SessionAddress.of(args, env, program);
        if (address.isEmpty()) {
            return NOT_FOR_A_SESSION;
        }
        Path dir = address.get().dir();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? !address.get().dirIsPrivate()
                : !Files.isWritable(dir.getParent())) {
            // another user's dir, one others can reach, or one that cannot be made (a runtime dir that is missing
            // or read-only): no session, and none started only to fail at every command
            return NOT_FOR_A_SESSION;
        }
        Optional<SessionProtocol.Reply> reply = ask(address.get(), args, starting);
        if (reply.isEmpty() || !reply.get().served()) {
            return reply.isEmpty() ? NO_SESSION : NOT_FOR_A_SESSION;
        }
        printing();
        try {
            write(out, reply.get().out());
            write(err, reply.get().err());
        } catch (IOException e) {
            return 1; // stdout closed (a pipe's reader gone): the answer was given, as a command would end
        }
        return reply.get().exitCode();
    }

    private static Optional<SessionProtocol.Reply> ask(SessionAddress address, String[] args,
            Optional<Long> starting) {
        long deadline = System.currentTimeMillis() + WAIT_FOR_START_MS;
        while (true) {
            if (address.dirIsPrivate() && Files.exists(address.socket())) {
                boolean connected = false;
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(address.socket()));
                    connected = true;
                    SessionProtocol.writeRequest(new BufferedOutputStream(Channels.newOutputStream(channel)), args);
                    return Optional.of(SessionProtocol.readReply(Channels.newInputStream(channel)));
                } catch (IOException e) {
                    if (connected) {
                        // cut short (the session failed or was killed on this command): it runs in process, and
                        // no new session is started for a command that may fail it again
                        return Optional.of(SessionProtocol.Reply.notServed());
                    }
                    if (starting.isEmpty()) {
                        return Optional.empty(); // refused: a session that ended (or one still starting)
                    }
                }
            }
            if (starting.isEmpty() || System.currentTimeMillis() > deadline
                    || !Files.isDirectory(Path.of("/proc", String.valueOf(starting.get())))) {
                return Optional.empty();
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream to, byte[] bytes) throws IOException {
        to.write(bytes);
        to.flush();
    }
}
