package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.lab.InTheLabsTurn;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verbose copies the log to stderr, never stdout; an unexpected failure is one line naming the log. */
@InTheLabsTurn // reads the process-wide log
class VerboseTest {
    static final String WEB1 = "52:54:00:3a:10:01";

    @TempDir
    Path state;

    @Test
    void verboseShowsTheAppliedStepsOnStderrAndKeepsThemInTheLog() throws IOException {
        CliRun r = CliRun.of("attach", "web1", "--nic", WEB1, "--to", "network:isolated", "--demo", "--yes",
                "--verbose", "--state-dir", state.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("virtwire: info: applied: Move web1's NIC " + WEB1), r.err());
        assertFalse(r.out().contains("virtwire: info:"), r.out());
        String log = Files.readString(state.resolve("log/virtwire.log"));
        assertTrue(log.contains("INFO dev.virtwire.change: applied: Move web1's NIC " + WEB1), log);
    }

    @Test
    void withoutVerboseStderrStaysQuiet() {
        CliRun r = CliRun.of("attach", "web1", "--nic", WEB1, "--to", "network:isolated", "--demo", "--yes",
                "--state-dir", state.toString());

        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("applied:"), r.err());
    }

    @Test
    void verboseJsonOnStdoutIsOnlyJson() throws IOException {
        CliRun r = CliRun.of("topology", "--demo", "--json", "--verbose", "--state-dir", state.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).has("host"), r.out());
    }

    @Test
    void anUnexpectedFailureIsOneLineThatNamesTheLog() throws IOException {
        assertEquals(0, CliRun.of("topology", "--demo", "--state-dir", state.toString()).code());
        Files.createDirectories(state.resolve("demo/journal.json")); // a journal that cannot be read
        CliRun r = CliRun.of("attach", "web1", "--nic", WEB1, "--to", "network:isolated", "--demo", "--yes",
                "--state-dir", state.toString());

        Path log = state.resolve("log/virtwire.log");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("virtwire: "), r.err());
        assertTrue(r.err().strip().endsWith("(details in " + log + ")"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(Files.readString(log).contains("\tat "), "the stack trace is in the log");
    }
}
