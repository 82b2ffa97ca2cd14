package dev.virtwire.host.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command runs in the C locale (over ssh too: TopologyCommandTest shows the argv) and is logged with its exit code, duration and, when it failed, stderr. */
@InTheLabsTurn // reads the process-wide log
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

    /**
     * A reader's parallel commands over ssh take turns (sshd drops handshakes beyond its MaxStartups): a stand-in
     * ssh client notes how many of its kind run when it starts, over 12 commands started at once.
     */
    @Test
    void sshCommandsToOneHostTakeTurns() throws Exception {
        Path running = Files.createDirectory(state.resolve("running"));
        Path counts = state.resolve("counts");
        Path client = state.resolve("fake-ssh");
        Files.writeString(client, "#!/bin/sh\nmkdir " + running + "/$$\nls " + running + " | wc -l >> " + counts
                + "\nsleep 0.3\nrmdir " + running + "/$$\n");
        assertTrue(client.toFile().setExecutable(true));
        CommandRunner runner = new CommandRunner(new Target.Ssh("host-a", client.toString()));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int k = 0; k < 12; k++) {
            Thread t = new Thread(() -> runner.run(List.of("true")));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Integer> seen = Files.readAllLines(counts).stream().map(String::strip).map(Integer::valueOf).toList();
        assertEquals(12, seen.size(), seen::toString);
        assertTrue(seen.stream().allMatch(n -> n <= CommandRunner.SSH_AT_ONCE), seen::toString);
    }
}
