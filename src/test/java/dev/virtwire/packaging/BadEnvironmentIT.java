package dev.virtwire.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, run by the installed launcher in environments that go wrong (a state dir that cannot be
 * written, a damaged demo state, an ssh host that does not answer, no libvirt socket, no tools on PATH, bad
 * URIs, no display for the window): each ends with a message and an exit code from 1 to 3, never a Java
 * stack frame or an exception's class name. Nothing here can touch this machine's network: changes run
 * with --dry-run where a real host is named, and hosts that do not answer fail before anything is read.
 */
class BadEnvironmentIT {
    private static final Path LAUNCHER = Path.of("target/bin/virtwire");
    /** A stack frame, a Java class or exception name, or the JVM's own words. */
    private static final Pattern JAVA = Pattern.compile("\\tat |\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|"
            + "javafx|picocli|com\\.fasterxml|org\\.libvirt|dev\\.virtwire)\\.[a-z]|\\b[A-Z]\\w*(Exception|Error|"
            + "Throwable)\\b|Caused by|NullPointer|Exception in thread");

    /** Each command with arguments that make it do something (changes: on the demo host, or --dry-run). */
    private static final List<List<String>> COMMANDS = List.of(List.of("topology"), List.of("topology", "--json"),
            List.of("diagnose", "web1", "--to", "lan", "--no-probes"),
            List.of("fix", "mail", "tap-not-on-bridge", "--dry-run"),
            List.of("fix", "mail", "tap-not-on-bridge", "--dry-run", "--script"),
            List.of("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--dry-run"),
            List.of("mode", "web1", "bridged", "--dry-run"), List.of("bridge", "create", "br9", "--dry-run"),
            List.of("bridge", "delete", "br0", "--dry-run"), List.of("bridge", "add-port", "br0", "vnet0", "--dry-run"),
            List.of("bridge", "remove-port", "eth1", "--dry-run"), List.of("link", "up", "eth0", "--dry-run"),
            List.of("link", "down", "vnet0", "--dry-run"), List.of("link", "mtu", "br0", "9000", "--dry-run"),
            List.of("link", "forwarding", "on", "--dry-run"),
            List.of("uplink", "bridge", "eth0", "--bridge", "brlan", "--confirm-within", "60", "--dry-run"),
            List.of("network", "create", "lan2", "--mode", "isolated", "--address", "192.168.60.1/24", "--dry-run"),
            List.of("network", "delete", "lab", "--dry-run"), List.of("network", "start", "lab", "--dry-run"),
            List.of("network", "stop", "dmz", "--dry-run"), List.of("network", "restart", "dmz", "--dry-run"),
            List.of("network", "mode", "dmz", "isolated", "--dry-run"),
            List.of("dhcp", "add", "default", "52:54:00:3a:10:01", "192.168.122.50", "--dry-run"),
            List.of("dhcp", "remove", "default", "52:54:00:3a:10:01", "--dry-run"),
            List.of("forward", "add", "tcp", "8080", "192.168.122.10:80", "--dry-run"),
            List.of("forward", "remove", "tcp", "8080", "192.168.122.10:80", "--dry-run"), List.of("forward", "list"),
            List.of("firewall", "allow", "br0", "--dry-run"), List.of("firewall", "remove", "br0", "--dry-run"),
            List.of("route", "add", "10.1.0.0/16", "--dev", "eth0", "--dry-run"),
            List.of("route", "remove", "10.1.0.0/16", "--dev", "eth0", "--dry-run"),
            List.of("undo", "--dry-run"), List.of("redo", "--dry-run"), List.of("history"), List.of("confirm"),
            List.of("recover", "--yes"), List.of("demo", "reset"), List.of("mode", "web1", "bridged", "--yes"));

    @TempDir
    static Path dir;
    private static Path noTools;

    /** A PATH with only what the launcher itself needs: no ip, bridge, nft, iptables, sysctl, virsh, ping, ssh. */
    @BeforeAll
    static void pathWithoutTools() throws IOException {
        noTools = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("dirname", "readlink", "cat")) {
            Files.createSymbolicLink(noTools.resolve(tool), Path.of(which(tool)));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.createSymbolicLink(noTools.resolve("java"), java);
    }

    private record Environment(String name, List<String> options, Map<String, String> env, boolean everyCommand) {
    }

    private static List<Environment> environments() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path damaged = Files.createDirectories(dir.resolve("damaged/demo"));
        Files.writeString(damaged.resolve("host.json"), "{\"host\": 42,");
        return List.of(
                new Environment("state dir that cannot be written", List.of("--demo", "--state-dir",
                        file.resolve("state").toString()), Map.of(), true),
                new Environment("damaged demo state", List.of("--demo", "--state-dir", damaged.getParent().toString()),
                        Map.of(), true),
                new Environment("ssh port where nothing listens", List.of("--connect", "test:///default", "--ssh",
                        "127.0.0.1:1"), Map.of(), true),
                new Environment("ssh host that does not resolve", List.of("--connect", "test:///default", "--ssh",
                        "nosuchhost.invalid"), Map.of(), false),
                new Environment("libvirt socket missing", List.of("--connect",
                        "qemu+unix:///system?socket=/nonexistent"), Map.of(), true),
                new Environment("no tools on PATH", List.of("--connect", "test:///default"),
                        Map.of("PATH", noTools.toString()), true),
                new Environment("a URI that is not one", List.of("--connect", "not a uri"), Map.of(), false),
                new Environment("an ssh URI without a host", List.of("--connect", "qemu+ssh:///system"), Map.of(), false),
                new Environment("demo and another host", List.of("--demo", "--connect", "test:///default"), Map.of(),
                        false));
    }

    /**
     * Two hundred launches, each mostly waiting: they run ahead of their checks, the environments side by side. An
     * environment's commands run one after another, in the list's order, since its last ones (demo reset, a change)
     * write its state dir.
     */
    @TestFactory
    Stream<DynamicTest> everyCommandFailsInWords() throws IOException {
        ExecutorService launcher = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "launch");
            t.setDaemon(true);
            return t;
        });
        List<DynamicTest> tests = new ArrayList<>();
        for (Environment environment : environments()) {
            List<List<String>> commands = environment.everyCommand() ? COMMANDS : COMMANDS.subList(0, 1);
            // each its own history: environments side by side never meet at one journal's lock
            Map<String, String> env = new HashMap<>(environment.env());
            env.put("XDG_STATE_HOME", dir.resolve("xdg-" + tests.size()).toString());
            CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.addAll(environment.options());
                CompletableFuture<Run> launched = previous.handleAsync((x, e) -> {
                    try {
                        return launch(env, args);
                    } catch (Exception failed) {
                        throw new CompletionException(failed);
                    }
                }, launcher);
                previous = launched;
                tests.add(DynamicTest.dynamicTest(environment.name() + ": " + String.join(" ", command), () -> {
                    Run run = joined(launched);
                    assertNoJava(run, args);
                    assertTrue(Set.of(0, 1, 2, 3).contains(run.exitCode()), "exit code " + run.exitCode());
                }));
            }
        }
        return tests.stream();
    }

    private static Run joined(CompletableFuture<Run> launched) throws Exception {
        try {
            return launched.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The window's own mistakes: no display, a screenshot that cannot be written, a size that is not one. */
    @TestFactory
    Stream<DynamicTest> theWindowFailsInWords() {
        Map<String, String> noDisplay = new HashMap<>();
        noDisplay.put("DISPLAY", "");
        noDisplay.put("WAYLAND_DISPLAY", "");
        return Stream.<List<String>>of(
                List.of("--demo"), List.of("--connect", "test:///default"), List.of(),
                List.of("--demo", "--screenshot", "/nonexistent/folder/shot.png"),
                List.of("--demo", "--screenshot", dir.resolve("shot.png").toString(), "--size", "10x10"),
                List.of("--demo", "--screenshot")).map(args -> DynamicTest.dynamicTest("window " + args, () -> {
                    Run run = launch(noDisplay, args);
                    assertNoJava(run, args);
                    assertTrue(run.exitCode() == 1 || run.exitCode() == 2, "exit code " + run.exitCode());
                    assertEquals(1, run.stderr().strip().lines().count(), "one line: " + run.stderr());
                }));
    }

    /** No display at all, or one that does not answer: the same line, whichever way the window is asked for. */
    @TestFactory
    Stream<DynamicTest> withoutADisplayTheWindowIsTheSameLine() {
        String line = "Virtwire's window needs a graphical display( \\(none answers at DISPLAY=:4711\\))?; "
                + "for the command line see `virtwire --help`\n";
        Map<String, String> unset = Map.of("DISPLAY", "", "WAYLAND_DISPLAY", "");
        List<List<String>> windows = List.of(List.of(), List.of("--demo"), List.of("--connect", "test:///default"),
                List.of("--demo", "--screenshot", dir.resolve("shot.png").toString()));
        return Stream.of(unset, Map.of("DISPLAY", ":4711", "WAYLAND_DISPLAY", "")).flatMap(env -> windows.stream()
                .map(args -> DynamicTest.dynamicTest(env.get("DISPLAY") + " " + args, () -> {
                    Run run = launch(env, args);
                    assertEquals(1, run.exitCode(), run.stderr());
                    assertTrue(run.stderr().matches(line), run.stderr());
                    assertEquals("", run.stdout());
                })));
    }

    @TestFactory
    Stream<DynamicTest> anSshHostThatDoesNotAnswerIsOneLineWithSshsReason() {
        return Stream.of("127.0.0.1:1", "nosuchhost.invalid").map(host -> DynamicTest.dynamicTest(host, () -> {
            Run run = launch(Map.of(), List.of("topology", "--connect", "test:///default", "--ssh", host));
            assertEquals(1, run.exitCode(), run.stderr());
            assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            assertTrue(run.stderr().startsWith("virtwire: cannot reach " + host + " over ssh: "), run.stderr());
            assertTrue(run.stderr().contains(host.startsWith("127") ? "Connection refused" : "resolve"), run.stderr());
        }));
    }

    /** Tools missing from PATH are each said once, however many reads needed them. */
    @Test
    void aMissingToolIsSaidOnce() throws Exception {
        Run run = launch(Map.of("PATH", noTools.toString()), List.of("topology", "--connect", "test:///default"));
        List<String> lines = run.stderr().strip().lines().toList();
        assertEquals(lines.stream().distinct().toList(), lines, run.stderr());
        assertTrue(run.stderr().contains("'ip' is not installed"), run.stderr());
    }

    private static void assertNoJava(Run run, List<String> args) {
        String all = run.stdout() + run.stderr();
        assertTrue(!JAVA.matcher(all).find(), "Java reached the user for virtwire " + String.join(" ", args)
                + ":\n" + all);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run launch(Map<String, String> env, List<String> args) throws Exception {
        Path out = Files.createTempFile(dir, "out", "");
        Path err = Files.createTempFile(dir, "err", "");
        List<String> argv = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        argv.addAll(args);
        ProcessBuilder builder = Processes.yielding(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("VIRTWIRE_SESSION", "off"); // what the command itself says, no session left behind
        // its own history, never the one of the tests that run beside it (-Pfull runs the ITs beside the lab's turn)
        builder.environment().put("XDG_STATE_HOME", dir.resolve("xdg").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "virtwire " + args + " did not finish in 2 minutes");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String which(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError(tool + " is not on PATH")).toString();
    }
}
