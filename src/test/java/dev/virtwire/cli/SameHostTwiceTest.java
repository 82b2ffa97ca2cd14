package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts named by --connect more than once: the same URI twice is refused before anything is read (it was Java's
 * "Duplicate key" message), and two URIs whose names would be the same get names of their own.
 */
class SameHostTwiceTest {
    @TempDir
    Path state;

    @Test
    void theSameUriTwiceIsRefusedSayingWhich() {
        for (String[] command : new String[][] {{"fleet", "check"}, {"fleet", "fix", "rogue-dhcp", "--yes"}}) {
            CliRun run = CliRun.of(concat(command, "--connect", "test:///default", "--connect", "test:///default",
                    "--state-dir", state.toString()));
            assertEquals(2, run.code(), run::err);
            assertTrue(run.err().contains("test:///default is given more than once with --connect"), run::err);
            assertFalse(run.err().contains("Duplicate key"), run::err);
        }
    }

    @Test
    void twoUrisWithTheSameNameAreTwoHosts() throws Exception {
        CliRun run = CliRun.of("fleet", "check", "--json", "--connect", "test:///default", "--connect",
                "test:///default/", "--state-dir", state.toString());
        // two copies of one test host: the same MACs and addresses are findings between them (exit 1), not a crash
        assertEquals(1, run.code(), run::err);
        assertFalse(run.err().contains("Duplicate key"), run::err);
        JsonNode out = new ObjectMapper().readTree(run.out());
        assertTrue(out.toString().contains("test-default-2"), out::toPrettyString);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
