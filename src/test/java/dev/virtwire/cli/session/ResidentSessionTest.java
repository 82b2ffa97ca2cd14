package dev.virtwire.cli.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session and its client over a real Unix socket, with a stand-in for the command line. */
class ResidentSessionTest {
    private static final String[] TOPOLOGY = {"topology", "--connect", "test:///default", "--json"};
    private static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path runtime;

    private Map<String, String> env() {
        return Map.of("XDG_RUNTIME_DIR", runtime.toString());
    }

    private SessionAddress address() {
        return SessionAddress.of(TOPOLOGY, env(), "program").orElseThrow();
    }

    /** A session answering in a thread until it has been idle a moment; the thread, to join. */
    private Thread serving(Function<String[], SessionProtocol.Reply> command) throws IOException {
        ResidentSession session = ResidentSession.listen(address(), env(), "program").orElseThrow();
        Thread thread = new Thread(() -> {
            try (session) {
                session.serve(command, IDLE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private record Ran(int code, String out, String err) {
    }

    private Ran client(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SessionClient.run(args, env(), "program", Optional.empty(), out, err);
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theClientPrintsWhatTheSessionsCommandPrintedAndExitsWithItsCode() throws Exception {
        List<List<String>> asked = new ArrayList<>();
        Thread session = serving(args -> {
            asked.add(List.of(args));
            return new SessionProtocol.Reply(1, "{}\n".getBytes(StandardCharsets.UTF_8),
                    "virtwire: not read: nft\n".getBytes(StandardCharsets.UTF_8));
        });
        Ran ran = client(TOPOLOGY);
        assertEquals(new Ran(1, "{}\n", "virtwire: not read: nft\n"), ran);
        assertEquals(List.of(List.of(TOPOLOGY)), asked);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(address().socket())));
        session.join();
        assertFalse(Files.exists(address().socket()), "an idle session removes its socket");
    }

    @Test
    void withoutASessionTheClientSaysSoAndPrintsNothing() {
        assertEquals(new Ran(SessionClient.NO_SESSION, "", ""), client(TOPOLOGY));
    }

    @Test
    void aCommandLineNoSessionServesIsLeftToTheProcess() {
        assertEquals(new Ran(SessionClient.NOT_FOR_A_SESSION, "", ""), client("diagnose", "web1"));
    }

    @Test
    void aSessionThatCannotRunTheCommandLeavesItToTheProcess() throws Exception {
        Thread session = serving(args -> SessionProtocol.Reply.notServed());
        assertEquals(new Ran(SessionClient.NOT_FOR_A_SESSION, "", ""), client(TOPOLOGY));
        session.join();
    }

    @Test
    void aSessionThatFailsMidCommandIsNoAnswer() throws Exception {
        Thread session = serving(args -> {
            throw new IllegalStateException("the session's JVM failed");
        });
        // run in process, and no second session started for a command that may fail it again
        assertEquals(new Ran(SessionClient.NOT_FOR_A_SESSION, "", ""), client(TOPOLOGY));
        session.join();
    }

    @Test
    void aSessionJustStartedIsWaitedForButAFailedCommandIsNotAskedAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Thread session = serving(args -> {
            asked.incrementAndGet();
            throw new IllegalStateException("the session's JVM failed");
        });
        Optional<Long> starting = Optional.of(ProcessHandle.current().pid()); // a process that lives
        int code = SessionClient.run(TOPOLOGY, env(), "program", starting, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        assertEquals(SessionClient.NOT_FOR_A_SESSION, code);
        assertEquals(1, asked.get());
        session.join();
    }

    @Test
    void aCommandLineOfAnotherHostIsNotAnsweredByThisHostsSession() throws Exception {
        Thread session = serving(args -> new SessionProtocol.Reply(0, new byte[0], new byte[0]));
        // its own socket, the other host's command line: as if a client had been handed the wrong socket
        Ran ran = client("topology", "--connect", "test:///other");
        assertEquals(SessionClient.NO_SESSION, ran.code(), "no session listens for test:///other");
        session.join();
    }

    @Test
    void onlyOneSessionListensAtAnAddress() throws Exception {
        Thread first = serving(args -> SessionProtocol.Reply.notServed());
        assertTrue(ResidentSession.listen(address(), env(), "program").isEmpty());
        first.join();
    }

    @Test
    void aSessionEndsWhenItsSocketIsRemoved() throws Exception {
        ResidentSession session = ResidentSession.listen(address(), env(), "program").orElseThrow();
        Files.delete(address().socket());
        try (session) {
            session.serve(args -> SessionProtocol.Reply.notServed(), Duration.ofHours(1)); // returns: not idle
        }
    }

    @Test
    void noSessionIsStartedWhereItsDirCannotBeMade() {
        Map<String, String> missing = Map.of("XDG_RUNTIME_DIR", runtime.resolve("gone").toString());
        assertEquals(SessionClient.NOT_FOR_A_SESSION, SessionClient.run(TOPOLOGY, missing, "program",
                Optional.empty(), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertFalse(Files.exists(runtime.resolve("gone")));
    }

    @Test
    void noSocketIsTrustedInADirOthersCanReachAndNoSessionIsStartedThere() throws Exception {
        Thread session = serving(args -> new SessionProtocol.Reply(0, new byte[0], new byte[0]));
        Files.setPosixFilePermissions(address().dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(SessionClient.NOT_FOR_A_SESSION, client(TOPOLOGY).code());
        session.join();
    }
}
