package dev.virtwire.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher `mvn package` installs (target/bin/virtwire), run as users run it, after packaging: a command's
 * stdout is only its JSON, and the class-data archive made at build time is the one the JVM maps.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("target/bin/virtwire");
    private static final Path ARCHIVE = Path.of("target/virtwire.jsa");

    @Test
    void aCommandPrintsOnlyItsJson(@TempDir Path dir) throws Exception {
        Run run = launch(Map.of(), dir, "topology", "--connect", "test:///default", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        // one JSON value and nothing after it (a JVM warning on stdout would break scripts)
        JsonNode topology = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(run.stdout());
        assertEquals("test:///default", topology.path("host").path("uri").asText(), run.stdout());
    }

    /**
     * -Xshare:on makes the JVM fail rather than run without the archive. picocli's classes are Java 5 classes,
     * which only a static archive holds: a dynamic one leaves them to be loaded from the jar at every start.
     */
    @Test
    void theCommandLineStartsFromTheClassDataArchive(@TempDir Path dir) throws Exception {
        assertTrue(Files.size(ARCHIVE) > 0, ARCHIVE + " was not made: see packaging/cds-archive.sh's output");
        Path loaded = dir.resolve("classes.log");
        Run run = launch(Map.of("VIRTWIRE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + loaded), dir,
                "topology", "--connect", "test:///default", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> source = Files.readAllLines(loaded).stream()
                .filter(line -> line.contains(" source: "))
                .map(line -> line.substring(line.indexOf("] ", line.indexOf("class,load")) + 2).split(" source: ", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a));
        for (String name : List.of("picocli.CommandLine$Model$CommandSpec", "dev.virtwire.cli.TopologyCommand",
                "dev.virtwire.host.libvirt.LibvirtHost", "com.fasterxml.jackson.databind.ObjectMapper")) {
            assertEquals("shared objects file", source.get(name), name + " was not mapped from the archive");
        }
    }

    /**
     * With a session (the default), `topology` is answered by a resident session the launcher starts: the same
     * JSON and exit code as in process; the session listens on a socket only its user can reach, and ends when
     * its socket is removed.
     */
    @Test
    void aResidentSessionAnswersTopologyAsTheProcessDoes(@TempDir Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("run"));
        Map<String, String> env = Map.of("VIRTWIRE_SESSION", "on", "XDG_RUNTIME_DIR", runtime.toString(),
                "XDG_STATE_HOME", dir.resolve("state").toString());
        String[] topology = {"topology", "--connect", "test:///default", "--json"};
        try {
            Run started = launch(env, dir, topology);
            Run warm = launch(env, dir, topology);
            List<String> inProcess = new java.util.ArrayList<>(List.of(topology));
            inProcess.add("--no-session");
            Run alone = launch(env, dir, inProcess.toArray(String[]::new));
            assertEquals(0, alone.exitCode(), alone.stderr());
            Map<String, String> noRuntime = new java.util.HashMap<>(env);
            noRuntime.put("XDG_RUNTIME_DIR", dir.resolve("gone/run").toString());
            Run withoutRuntimeDir = launch(noRuntime, dir, topology); // in process: no session, none started
            assertFalse(Files.exists(dir.resolve("gone")), "a missing runtime dir is not made");
            for (Run run : List.of(started, warm, withoutRuntimeDir)) {
                assertEquals(new Run(0, alone.stdout(), alone.stderr()), run);
            }
            Path sockets = runtime.resolve("virtwire-session");
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(sockets)));
            try (var listed = Files.list(sockets)) {
                assertEquals(1, listed.filter(p -> p.toString().endsWith(".sock")).count(), "one session");
            }
        } finally {
            try (var listed = Files.list(runtime.resolve("virtwire-session"))) {
                for (Path socket : listed.filter(p -> p.toString().endsWith(".sock")).toList()) {
                    Files.delete(socket); // the session sees it within seconds and ends
                }
            }
        }
    }

    /**
     * A normal window start says nothing: not on stdout or stderr, and not in the log (which is made only when
     * something is logged). JavaFX loaded from the classpath logged "Unsupported JavaFX configuration" here.
     */
    @Test
    void theWindowStartsSilently(@TempDir Path dir) throws Exception {
        Processes.requireTool("xvfb-run");
        Path png = dir.resolve("window.png");
        Run run = run(Map.of(), dir, List.of("xvfb-run", "-a",
                "-s", "-screen 0 1280x800x24", LAUNCHER.toAbsolutePath().toString(), "--demo", "--screenshot",
                png.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.size(png) > 0, png + " was not written");
        assertEquals("", run.stdout() + run.stderr());
        Path log = dir.resolve("state/virtwire/log/virtwire.log");
        assertFalse(Files.exists(log), () -> "the window logged:\n" + read(log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** The launcher with extra environment; its output goes to files, so neither stream can block it. */
    private Run launch(Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        argv.addAll(List.of(args));
        return run(env, dir, argv);
    }

    private Run run(Map<String, String> env, Path dir, List<String> argv) throws Exception {
        ProcessBuilder builder = Processes.yielding(argv).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("VIRTWIRE_SESSION", "off"); // in process, unless a test is about the session
        // its own history, never the one of the tests that run beside it (-Pfull runs the ITs beside the lab's turn)
        builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish in 2 minutes");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }
}
