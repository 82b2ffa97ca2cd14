package dev.virtwire.bench;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cold `virtwire topology --json` from the installed package (/usr/bin/virtwire, its runtime and class-data
 * archive) next to target/bin/virtwire, in turns (src/bench/cold-start-installed: the package is unpacked into a
 * throwaway overlay, never into the machine's /usr).
 */
final class InstalledColdStart {
    private InstalledColdStart() {
    }

    /** Medians of the installed launcher (first) and target/bin/virtwire (second), timed alike. */
    static List<Samples> run(Path project, String uri, String netns, int runs) throws IOException {
        List<String> argv = new ArrayList<>(List.of(project.resolve("src/bench/cold-start-installed").toString(),
                deb(project).toString(), String.valueOf(runs), "topology", "--connect", uri, "--netns", netns,
                "--json"));
        String out = new CommandRunner(new Target.Local(), Duration.ofMinutes(10)).output(argv);
        Samples installed = new Samples();
        Samples target = new Samples();
        out.lines().map(l -> l.split(" ")).filter(p -> p.length == 2).forEach(p -> {
            (p[0].equals("installed") ? installed : target).add(Double.parseDouble(p[1]));
        });
        return List.of(installed, target);
    }

    private static Path deb(Path project) throws IOException {
        try (Stream<Path> dist = Files.list(project.resolve("target/dist"))) {
            return dist.filter(p -> p.getFileName().toString().endsWith("_amd64.deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no .deb in target/dist: src/bench/run builds it "
                            + "with -Pdist"));
        }
    }
}
