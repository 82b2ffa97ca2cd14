package dev.virtwire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cold `virtwire topology --json` processes, in turns with the shell baseline in the same run: as users run it
 * (the launcher's default: a resident session answers after the first run), and in process (--no-session). The
 * session runs in a runtime dir of the benchmark's own, and ends with it (its socket removed).
 */
final class ColdTopologyBench {
    /** The three series, in the order they were taken (one of each per turn). */
    record Result(Samples session, Samples inProcess, Samples baseline) {
    }

    private ColdTopologyBench() {
    }

    /**
     * Only this benchmark, on the lab grown to scale (src/bench/run --cold-topology): prints its table and
     * writes target/bench/cold-topology.json. Arguments: LAB_URI LAB_NETNS PROJECT_DIR [--as-is: the lab not grown].
     */
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String netns = args[1];
        Path project = Path.of(args[2]);
        boolean asIs = args.length > 3 && args[3].equals("--as-is"); // the lab as `lab up` leaves it: 3 guests
        if (!asIs) {
            ScaleLab scale = new ScaleLab(uri, netns);
            System.err.println("bench: growing the lab: " + Benchmarks.GUESTS + " guests, "
                    + Benchmarks.LINK_GROUPS * 7 + " kernel links");
            scale.defineGuests(Benchmarks.GUESTS, Benchmarks.RUNNING);
            scale.addLinks(Benchmarks.LINK_GROUPS);
        }
        double idle = Settle.untilSteady(300);
        ObjectNode results = new ObjectMapper().createObjectNode();
        results.put("idle_share_before", Benchmarks.round(100 * idle));
        Table table = new Table();
        report(run(project, uri, netns, 10), table, results.putObject("discovery"));
        table.line(String.format("CPUs %.0f%% idle before the runs (a shared machine: other work may run)",
                100 * idle));
        Benchmarks.write(project.resolve(asIs ? "target/bench/cold-topology-3-guests.json"
                : "target/bench/cold-topology.json"), table, results);
    }

    static Result run(Path project, String uri, String netns, int runs) throws IOException {
        CommandRunner runner = new CommandRunner(new Target.Local(), Duration.ofMinutes(2));
        Path runtime = Files.createTempDirectory("vw-bench-run");
        List<String> launcher = List.of("env", "XDG_RUNTIME_DIR=" + runtime, project.resolve("target/bin/virtwire")
                .toString(), "topology", "--connect", uri, "--netns", netns, "--json");
        List<String> alone = new ArrayList<>(launcher);
        alone.add("--no-session");
        Baseline baseline = new Baseline(uri, netns);
        Result result = new Result(new Samples(), new Samples(), new Samples());
        try {
            timed(runner, launcher); // the first run starts the session
            timed(runner, alone);
            baseline.collectOnce();
            for (int i = 0; i < runs; i++) {
                result.session().add(timed(runner, launcher));
                result.inProcess().add(timed(runner, alone));
                result.baseline().add(baseline.collectOnce());
            }
        } finally {
            endSessions(runtime);
        }
        return result;
    }

    static void report(Result result, Table table, ObjectNode discovery) {
        double base = result.baseline().median();
        discovery.put("cold_ms", Benchmarks.round(result.session().median()));
        discovery.put("cold_no_session_ms", Benchmarks.round(result.inProcess().median()));
        discovery.put("cold_baseline_in_turns_ms", Benchmarks.round(base));
        discovery.put("cold_ratio", Math.round(100 * result.session().median() / base) / 100.0);
        discovery.put("cold_no_session_ratio", Math.round(100 * result.inProcess().median() / base) / 100.0);
        table.row("discovery, cold (`virtwire topology --json`, session)", result.session(), base, "<= 0.5x baseline");
        table.row("discovery, cold, in process (--no-session)", result.inProcess(), base, "");
        table.row("baseline in turns with them", result.baseline(), base, "");
    }

    private static double timed(CommandRunner runner, List<String> argv) {
        long start = System.nanoTime();
        CommandResult ran = runner.run(argv);
        double ms = Samples.millisSince(start);
        if (ran.exitCode() != 0 || !ran.stdout().contains("\"guests\"")) {
            throw new IllegalStateException("virtwire topology failed (" + ran.exitCode() + "): " + ran.stderr());
        }
        return ms;
    }

    /** Removes the run's folder, the sessions' sockets in it: each session sees that within seconds and ends. */
    private static void endSessions(Path runtime) throws IOException {
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
