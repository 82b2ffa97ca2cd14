package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo host's saved state with a lease Virtwire cannot read (a hand edit): every command is refused with exit code
 * 1, saying which lease of which network is wrong and what it allows, without a stack trace, and the file is left as
 * it was. Before, a bad address was taken as it was, and the other refusals said only "damaged".
 */
class DamagedDemoLeasesTest {
    @TempDir
    Path state;

    @Test
    void aLeaseWithABadAddressIsRefusedNamingIt() throws Exception {
        Path file = damaged("\"ip\" : \"192.168.122.10/24\"", "\"ip\" : \"300.168.122.10/24\"");
        String before = Files.readString(file);
        CliRun run = CliRun.of("topology", "--demo", "--state-dir", state.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("the demo host's state " + file + " is damaged (topology JSON: a lease of "
                + "network 'default': '300.168.122.10/24' is not an IP address: expected an IPv4 address"), run.err());
        assertTrue(run.err().contains("put it right, or start over with `virtwire demo reset --state-dir "), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
        assertEquals(before, Files.readString(file), "left as it was");
    }

    @Test
    void aLeaseThatEndsAtNoTimeIsRefusedNamingWhatIsAllowed() throws Exception {
        damaged("\"expires\" : null", "\"expires\" : \"tomorrow\"");
        CliRun run = CliRun.of("history", "--demo", "--state-dir", state.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("a lease of network 'default' ends at 'tomorrow', which is not a time: "
                + "\"expires\" takes a UTC time such as 2026-12-06T22:10:00Z, or null for a lease that never ends"),
                run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    }

    /** The demo host saved by a first command, then its first lease edited by hand. */
    private Path damaged(String was, String now) throws Exception {
        assertEquals(0, CliRun.of("topology", "--demo", "--state-dir", state.toString()).code());
        Path file = state.resolve("demo/host.json");
        String text = Files.readString(file);
        assertTrue(text.contains(was), "the saved state has " + was);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(was),
                java.util.regex.Matcher.quoteReplacement(now)));
        return file;
    }
}
