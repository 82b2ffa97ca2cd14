package dev.virtwire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold commands about one guest (fresh `target/bin/virtwire` processes), in turns: what they cost should not grow
 * with the host's other guests, so the same commands are timed on the 3-guest lab and on the lab grown to 503.
 */
final class OneGuestBench {
    /** The lab's g1, on the NAT network `default` in both shapes of the lab. */
    static final String GUEST = "g1";

    private OneGuestBench() {
    }

    /** The key under which {@link #run} also returns the machine's 1-minute load average after each round. */
    static final String LOAD = "load_average";

    /**
     * Each command's samples by its name, runs rounds taking turns, after one warm-up round; and the load average
     * after each round ({@link #LOAD}): on a shared machine it moves the figures more than the host's size.
     */
    static Map<String, Samples> run(Path project, String uri, String netns, int runs) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("diagnose", List.of("diagnose", GUEST, "--to", "internet"));
        commands.put("diagnose_no_probes", List.of("diagnose", GUEST, "--to", "internet", "--no-probes"));
        commands.put("mode_dry_run", List.of("mode", GUEST, "bridged", "--dry-run"));
        CommandRunner runner = new CommandRunner(new Target.Local(), Duration.ofMinutes(2));
        Map<String, Samples> out = new LinkedHashMap<>();
        commands.keySet().forEach(k -> out.put(k, new Samples()));
        Samples load = new Samples();
        for (int round = -1; round < runs; round++) {
            for (var c : commands.entrySet()) {
                List<String> argv = new ArrayList<>(List.of(project.resolve("target/bin/virtwire").toString()));
                argv.addAll(c.getValue());
                argv.addAll(List.of("--connect", uri, "--netns", netns));
                long start = System.nanoTime();
                CommandResult result = runner.run(argv);
                double ms = Samples.millisSince(start);
                if (result.exitCode() != 0) {
                    throw new IllegalStateException(result.commandLine() + " exited " + result.exitCode() + ": "
                            + result.stderr().strip() + " " + result.stdout().strip());
                }
                if (round >= 0) {
                    out.get(c.getKey()).add(ms);
                }
            }
            if (round >= 0) {
                load.add(loadAverage());
            }
        }
        out.put(LOAD, load);
        return out;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Rows and results.json keys: each command on the scale lab against the same on the 3-guest lab. */
    static void report(Map<String, Samples> small, Map<String, Samples> scale, Table table, ObjectNode results) {
        ObjectNode json = results.putObject("one_guest_cold_ms");
        ObjectNode load = results.putObject("one_guest_load_average");
        load.put("3_guests", small.get(LOAD).median());
        load.put("503_guests", scale.get(LOAD).median());
        for (String name : small.keySet()) {
            if (name.equals(LOAD)) {
                continue;
            }
            json.put(name + "_3_guests", Benchmarks.round(small.get(name).median()));
            json.put(name + "_503_guests", Benchmarks.round(scale.get(name).median()));
            json.put(name + "_ratio", Math.round(scale.get(name).median() / small.get(name).median() * 100) / 100.0);
            String what = switch (name) {
                case "diagnose" -> "`diagnose g1 --to internet`";
                case "diagnose_no_probes" -> "`diagnose g1 --to internet --no-probes`";
                default -> "`mode g1 bridged --dry-run`";
            };
            table.row("cold " + what + ", 3 guests", small.get(name), small.get(name).median(), "");
            table.row("cold " + what + ", 503 guests", scale.get(name), small.get(name).median(),
                    "<= 1.2x 3 guests");
        }
    }

    /**
     * Alone, on a lab just brought up (3 guests): times the commands, grows the lab as src/bench/run does, times
     * them again, and writes target/bench/one-guest.json. Arguments: LAB_URI LAB_NETNS PROJECT_DIR RUNS.
     */
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String netns = args[1];
        Path project = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        System.err.println("bench: one-guest commands on the 3-guest lab");
        Map<String, Samples> small = run(project, uri, netns, runs);
        ScaleLab scale = new ScaleLab(uri, netns);
        System.err.println("bench: growing the lab");
        scale.defineGuests(Benchmarks.GUESTS, Benchmarks.RUNNING);
        scale.addLinks(Benchmarks.LINK_GROUPS);
        System.err.println(String.format("bench: CPUs %.0f%% idle once settled", 100 * Settle.untilSteady(300)));
        System.err.println("bench: one-guest commands on the 503-guest lab");
        Map<String, Samples> big = run(project, uri, netns, runs);
        Table table = new Table();
        ObjectNode results = new ObjectMapper().createObjectNode();
        report(small, big, table, results);
        Benchmarks.write(project.resolve("target/bench/one-guest.json"), table, results);
    }
}
