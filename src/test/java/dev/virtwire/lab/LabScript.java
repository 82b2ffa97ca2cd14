package dev.virtwire.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs src/lab/lab (or any program) as an argv list, never through a shell. */
final class LabScript {

    private final Path script;

    private LabScript(Path script) {
        this.script = script;
    }

    /** Finds src/lab/lab from the project directory (Maven's basedir, else the working directory upwards). */
    static LabScript locate() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        for (Path dir = Path.of(base).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src/lab/lab");
            if (Files.isRegularFile(candidate)) {
                return new LabScript(candidate);
            }
        }
        throw new IllegalStateException("src/lab/lab not found above " + base);
    }

    Path path() {
        return script;
    }

    CommandResult lab(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        return run(timeout, argv);
    }

    static CommandResult run(Duration timeout, List<String> argv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("lab-out", ".txt");
            err = Files.createTempFile("lab-err", ".txt");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new CommandResult(124, read(out),
                        read(err) + "\n" + argv + " timed out after " + timeout.toSeconds() + " s");
            }
            trace(argv, started, process.exitValue());
            return new CommandResult(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            return new CommandResult(127, "", "cannot run " + argv + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(130, "", "interrupted: " + argv);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /**
     * With {@code -Dvirtwire.lab.trace=true}: each lab command, its time and exit code on stderr, to see where a lab
     * class spends CI's time.
     */
    private static void trace(List<String> argv, long started, int exitCode) {
        if (Boolean.getBoolean("virtwire.lab.trace")) {
            System.err.printf("lab-trace %6d ms  %s -> %d%n", (System.nanoTime() - started) / 1_000_000L, argv,
                    exitCode);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
