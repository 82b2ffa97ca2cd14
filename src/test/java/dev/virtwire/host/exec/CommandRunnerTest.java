package dev.virtwire.host.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command runs in the C locale (over ssh too: TopologyCommandTest shows the argv) and is logged with its exit code, duration and, when it failed, stderr. */
class CommandRunnerTest {
    @TempDir
    Path state;

    @Test
    void aCommandRunsInTheCLocale() {
        CommandResult env = new CommandRunner(new Target.Local()).run(List.of("/usr/bin/env"));

        assertEquals(0, env.exitCode(), env.stderr());
        assertTrue(env.stdout().lines().anyMatch("LC_ALL=C"::equals), env.stdout());
    }

    @Test
    void eachRunIsLogged() throws IOException {
        try (Log.Restore log = Log.useStateDir(state)) {
            CommandRunner runner = new CommandRunner(new Target.Local());
            runner.run(List.of("true"));
            runner.run(List.of("ls", "/nonexistent-virtwire-path"));
        }
        String text = Files.readString(state.resolve("log/virtwire.log"));
        assertTrue(text.matches("(?s).*DEBUG dev\\.virtwire\\.host\\.exec: ran true: exit 0 in \\d+ ms\\R.*"), text);
        assertTrue(text.matches("(?s).*ran ls /nonexistent-virtwire-path: exit 2 in \\d+ ms, stderr: ls: cannot access "
                + "'/nonexistent-virtwire-path': No such file or directory\\R.*"), text);
    }

    @Test
    void aFailureOverSshNamesTheCommandAsAskedQuotedOnce() {
        // /bin/false stands in for ssh: it fails at once, and nothing leaves this machine
        CommandRunner runner = new CommandRunner(new Target.Ssh("kvm1", "/bin/false"));
        dev.virtwire.host.HostException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.virtwire.host.HostException.class, () -> runner.output(List.of("ip", "-j", "link")));
        assertEquals("'ip -j link' failed on ssh kvm1 (exit 1): ", e.getMessage());
    }
}
