package dev.virtwire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The window benchmark ({@code dev.virtwire.ui.GuiBench}) in a JVM of its own: JavaFX starts once per
 * process and its headless platform is chosen by system properties before it starts.
 */
final class WindowBench {
    private WindowBench() {
    }

    /** GuiBench's one line of JSON for the host at {@code uri}, its kernel in {@code netns}. */
    static JsonNode run(String uri, String netns) throws IOException, InterruptedException {
        return launch("dev.virtwire.ui.GuiBench", "--connect", uri, "--netns", netns);
    }

    /** FleetWindowBench's one line of JSON for the fleet list in {@code configDir}. */
    static JsonNode fleet(java.nio.file.Path configDir) throws IOException, InterruptedException {
        return launch("dev.virtwire.ui.FleetWindowBench", configDir.toString());
    }

    private static JsonNode launch(String mainClass, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-cp", System.getProperty("java.class.path"),
                mainClass));
        argv.addAll(List.of(args));
        // its progress lines show while it runs
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        if (exit != 0 || out.isEmpty()) {
            throw new IllegalStateException("the window benchmark " + mainClass + " failed (exit " + exit + ")");
        }
        return new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
    }
}
