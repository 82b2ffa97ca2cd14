package dev.virtwire.lab;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real {@code virtwire} process (this JVM's program and classpath) whose PATH lacks some tools: a host where they
 * are not installed, without touching the machine's own. Its PATH is one folder of links to everything else on it.
 */
final class WithoutTools {
    private WithoutTools() {
    }

    static CommandResult virtwire(Path scratch, Set<String> missing, String... args) throws IOException {
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        for (String dir : System.getenv("PATH").split(":")) {
            if (!Files.isDirectory(Path.of(dir))) {
                continue;
            }
            try (Stream<Path> tools = Files.list(Path.of(dir))) {
                for (Path tool : tools.toList()) {
                    Path link = bin.resolve(tool.getFileName().toString());
                    if (!missing.contains(tool.getFileName().toString()) && !Files.exists(link, NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, tool);
                    }
                }
            }
        }
        // env by its path: the PATH it sets is the one the command finds its tools on
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "PATH=" + bin,
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                "dev.virtwire.Launcher"));
        argv.addAll(List.of(args));
        return LabScript.run(Duration.ofMinutes(2), argv);
    }
}
