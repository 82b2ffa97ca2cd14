package dev.virtwire.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.lab.InTheLabsTurn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** System.Logger lands in the state dir's rotating file; stack traces stay in it; --verbose copies lines to stderr. */
@InTheLabsTurn // reads the process-wide log
class LogTest {
    @TempDir
    Path state;

    private Log.Restore log;

    @AfterEach
    void stop() {
        Log.echoTo(Optional.empty());
        if (log != null) {
            log.close();
        }
    }

    @Test
    void systemLoggerWritesIntoTheStateDirsLogFile() throws IOException {
        log = Log.useStateDir(state);
        Path file = state.resolve("log/virtwire.log");
        assertEquals(Optional.of(file), Log.file());
        assertFalse(Files.exists(file), "nothing is opened before something is logged");

        System.getLogger("dev.virtwire.test").log(Level.INFO, "moved {0} to {1}", "web1's NIC", "br0");

        String text = Files.readString(file);
        assertTrue(text.contains("INFO dev.virtwire.test: moved web1's NIC to br0"), text);
    }

    @Test
    void librariesTracingIsLeftOutOursIsKept() throws IOException {
        log = Log.useStateDir(state);
        System.getLogger("javafx.scene.focus").log(Level.DEBUG, "focus moved");
        System.getLogger("javafx").log(Level.WARNING, "a library warning");
        System.getLogger("dev.virtwire.test").log(Level.DEBUG, "ran ip -j link");

        String text = Files.readString(state.resolve("log/virtwire.log"));
        assertFalse(text.contains("focus moved"), text);
        assertTrue(text.contains("a library warning") && text.contains("ran ip -j link"), text);
    }

    @Test
    void anUnexpectedFailureIsOneLineForTheUserAndAStackTraceInTheFile() throws IOException {
        log = Log.useStateDir(state);
        String line = Log.unexpected("a test", new NullPointerException("the guest list was null"));

        assertEquals("unexpected error (the guest list was null) (details in " + state.resolve("log/virtwire.log")
                + ")", line);
        String text = Files.readString(state.resolve("log/virtwire.log"));
        assertTrue(text.contains("java.lang.NullPointerException: the guest list was null"), text);
        assertTrue(text.contains("\tat dev.virtwire.log.LogTest."), text);
    }

    /** Commands run in process (as the tests do) may overlap: the one that ends first must not leave its log behind. */
    @Test
    void overlappingRunsEachTakeBackTheirOwnLog(@TempDir Path other) throws IOException {
        Log.Restore first = Log.useStateDir(state);
        log = Log.useStateDir(other);
        first.close(); // the first run ends while the second still runs
        System.getLogger("dev.virtwire.test").log(Level.INFO, "the second run's line");
        assertEquals(Optional.of(other.resolve("log/virtwire.log")), Log.file());
        log.close();
        log = null;
        System.getLogger("dev.virtwire.test").log(Level.INFO, "after both");

        assertFalse(Files.exists(state.resolve("log")), "written into the first run's state dir after it ended");
        String second = Files.readString(other.resolve("log/virtwire.log"));
        assertTrue(second.contains("the second run's line") && !second.contains("after both"), second);
    }

    @Test
    void theFileRotatesBySizeKeepingAFew() throws IOException {
        Path path = state.resolve("virtwire.log");
        LogFile file = new LogFile(path, 100, 2);
        for (int i = 0; i < 10; i++) {
            assertTrue(file.append("line " + i + " " + "x".repeat(40) + "\n"));
        }
        file.close();

        assertTrue(Files.size(path) <= 100);
        assertTrue(Files.readString(path).startsWith("line 8 "), Files.readString(path));
        assertTrue(Files.readString(file.numbered(1)).startsWith("line 6 "));
        assertTrue(Files.readString(file.numbered(2)).startsWith("line 4 "));
        assertFalse(Files.exists(file.numbered(3)), "only two old files are kept");
    }

    @Test
    void verboseCopiesTheLinesWithoutTheStackTrace() {
        StringWriter err = new StringWriter();
        log = Log.useStateDir(state);
        Log.echoTo(Optional.of(new PrintWriter(err)));
        System.getLogger("dev.virtwire.test").log(Level.WARNING, "it broke", new IllegalStateException("why"));

        assertEquals("virtwire: warning: it broke (why)" + System.lineSeparator(), err.toString());
    }

    @Test
    void anUncaughtExceptionOnAnyThreadIsLoggedAndToldInOneLine() throws Exception {
        log = Log.useStateDir(state);
        StringBuilder told = new StringBuilder();
        Thread t = new Thread(() -> {
            throw new IllegalStateException("a bug");
        }, "worker");
        t.setUncaughtExceptionHandler(new UncaughtFailures(told::append));
        t.start();
        t.join();

        assertTrue(told.toString().startsWith("unexpected error (a bug) (details in "), told.toString());
        assertFalse(told.toString().contains("\tat "));
        String text = Files.readString(state.resolve("log/virtwire.log"));
        assertTrue(text.contains("unexpected failure in thread 'worker'") && text.contains("\tat "), text);
    }
}
