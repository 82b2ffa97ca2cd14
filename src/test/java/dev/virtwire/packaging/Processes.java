package dev.virtwire.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaging tests' way of running a tool: argv, a time limit, both streams kept (in files: neither blocks). */
final class Processes {
    private Processes() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        /** What to show when a check on this run fails. */
        String shown() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * A process the packaging tests start, at the lowest CPU priority: in CI ({@code -Pfull}) they run beside the
     * lab's turn, whose guests run under emulation and whose checks wait on them (two hundred launcher starts at
     * full priority beside it, and a lab class took 1.8 times as long as alone). Alone, it changes nothing. nice by
     * its path: Java looks a program up on its own PATH, not on the one given to the process.
     */
    static ProcessBuilder yielding(List<String> argv) {
        List<String> niced = new java.util.ArrayList<>(List.of("/usr/bin/nice", "-n", "19"));
        niced.addAll(argv);
        return new ProcessBuilder(niced);
    }

    static Result run(Map<String, String> env, long minutes, String... argv) throws IOException, InterruptedException {
        Path out = Files.createTempFile("virtwire-packaging", ".out");
        Path err = Files.createTempFile("virtwire-packaging", ".err");
        try {
            ProcessBuilder builder = yielding(List.of(argv)).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish in " + minutes + " minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(String... argv) throws IOException, InterruptedException {
        return run(Map.of(), 5, argv);
    }

    /** The tool must be installed: src/test/setup/install-test-packages (run by -Pfull) installs it. */
    static void requireTool(String tool) throws IOException, InterruptedException {
        Result which = run("sh", "-c", "command -v \"$0\"", tool);
        assertTrue(which.exitCode() == 0, tool + " is not installed: run src/test/setup/install-test-packages (as "
                + "root), which -Pfull runs first");
    }
}
