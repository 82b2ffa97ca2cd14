package dev.virtwire.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet benchmark: the lab's hosts ({@code lab up --hosts 4}), each grown by {@link #GUESTS_PER_HOST} guests,
 * read at once as {@code virtwire topology --fleet --json} reads them (each host on its own thread), against each
 * host read alone by {@code topology --connect URI --json}, all cold processes taking turns in the same run. The
 * hosts are reached twice: over qemu+ssh:// (as a fleet is: libvirt's remote protocol, the kernel over ssh) and
 * over their local libvirt sockets with {@code --netns} (the same reads without ssh). Every lab host lives on this
 * machine's CPUs, which a real fleet's hosts do not: the fleet's reads compete with the hosts' own daemons here.
 *
 * <p>Run alone on a lab brought up with {@code --hosts 4} whose {@code lab up} output was exported into the
 * environment (src/bench/run does so): {@code java … dev.virtwire.bench.FleetBench PROJECT_DIR [RUNS]}. Writes
 * target/bench/fleet.json and adds its keys under {@code fleet} to target/bench/results.json when that exists.
 */
public final class FleetBench {
    static final int GUESTS_PER_HOST = 100;
    static final int RUNNING_PER_HOST = 5;
    private static final int RUNS = 5;

    private FleetBench() {
    }

    /** One lab host: its name in the fleet list, its qemu+ssh URI, and its local socket URI and namespace. */
    record LabHost(String name, String sshUri, String localUri, String netns) {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : RUNS;
        // which ways of reaching the hosts: ssh, local, or both (the default)
        String ways = args.length > 2 ? args[2] : "both";
        List<LabHost> hosts = labHosts(System.getenv());
        progress("growing " + hosts.size() + " lab hosts by " + GUESTS_PER_HOST + " guests x 2 NICs each ("
                + RUNNING_PER_HOST + " running on each)");
        for (int k = 0; k < hosts.size(); k++) {
            LabHost h = hosts.get(k);
            new ScaleLab(h.localUri(), h.netns(), k, k == 0).defineGuests(GUESTS_PER_HOST, RUNNING_PER_HOST);
        }
        progress("waiting for the started guests to settle (until CPU use is steady, at most 2 minutes)");
        double idle = Settle.untilSteady(120);
        progress(String.format("CPUs %.0f%% idle once settled", 100 * idle));

        ObjectNode results = new ObjectMapper().createObjectNode();
        ObjectNode fleet = results.putObject("fleet");
        fleet.put("hosts", hosts.size());
        fleet.put("idle_share_before", Benchmarks.round(100 * idle) / 100.0);
        Table table = new Table();
        for (boolean overSsh : new boolean[] {true, false}) {
            String how = overSsh ? "ssh" : "local";
            if (!ways.equals("both") && !ways.equals(how)) {
                continue;
            }
            progress("cold reads " + (overSsh ? "over qemu+ssh://" : "over the local sockets with --netns")
                    + ": the fleet at once, and each host alone, in turns");
            Reads reads = new Reads(project, hosts, overSsh, Files.createTempDirectory("virtwire-fleet-bench"));
            Map<String, Samples> samples = reads.inTurns(runs);
            Samples whole = samples.remove(Reads.FLEET);
            Samples load = samples.remove(Reads.LOAD);
            Samples fleetCpu = samples.remove(Reads.FLEET_CPU);
            Samples aloneCpu = samples.remove(Reads.ALONE_CPU);
            String slowest = samples.entrySet().stream().max(Map.Entry.comparingByValue(
                    (a, b) -> Double.compare(a.median(), b.median()))).orElseThrow().getKey();
            double slowestMs = samples.get(slowest).median();
            ObjectNode json = fleet.putObject(how);
            json.put("guests", reads.guests());
            json.put("fleet_ms", Benchmarks.round(whole.median()));
            json.put("fleet_p95_ms", Benchmarks.round(whole.p95()));
            ObjectNode alone = json.putObject("alone_ms");
            samples.forEach((name, s) -> alone.put(name, Benchmarks.round(s.median())));
            json.put("slowest_alone", slowest);
            json.put("ratio_to_slowest_alone", Math.round(whole.median() / slowestMs * 100) / 100.0);
            json.put("load_average", load.median());
            json.put("fleet_busy_cpu_s", Benchmarks.round(fleetCpu.median()));
            json.put("alone_busy_cpu_s", Benchmarks.round(aloneCpu.median()));
            table.row("fleet of " + hosts.size() + " (" + reads.guests() + " guests), " + how + ", at once", whole,
                    slowestMs, "<= 1.5x slowest alone");
            samples.forEach((name, s) -> table.row("  " + name + " alone, " + how, s, slowestMs, ""));
            table.line(String.format("  load average (1 min) during the %s rounds: median %.1f; the machine busy "
                    + "%.1f CPU s during a fleet read, %.1f during a read alone (2 CPUs: a fleet read takes at least "
                    + "half its CPU time)", how, load.median(), fleetCpu.median(), aloneCpu.median()));
            if (!overSsh) {
                continue;
            }
            progress("window: File > Open the fleet over qemu+ssh://, until every host's frame is drawn (headless)");
            try {
                JsonNode gui = WindowBench.fleet(reads.configDir());
                json.put("window_first_frame_ms", gui.get("first_frame_ms").asDouble());
                json.put("window_counted_ms", gui.get("counted_ms").asDouble());
                table.line(String.format("window, fleet of %d (%d guests), ssh: Open the fleet -> every host's frame "
                        + "drawn %.0f ms (%.2fx the fleet read), every frame's problems counted %.0f ms",
                        gui.get("hosts").asInt(), gui.get("guests").asInt(), gui.get("first_frame_ms").asDouble(),
                        gui.get("first_frame_ms").asDouble() / whole.median(), gui.get("counted_ms").asDouble()));
            } catch (IllegalStateException e) {
                // the reads' figures stand on their own
                table.line("window, fleet: not measured: " + e.getMessage());
            }
        }
        Benchmarks.write(project.resolve("target/bench/fleet.json"), table, results);
        Path all = project.resolve("target/bench/results.json");
        if (Files.exists(all)) {
            ObjectNode merged = (ObjectNode) new ObjectMapper().readTree(all.toFile());
            merged.set("fleet", fleet);
            Files.writeString(all, merged.toPrettyString());
        }
    }

    /** The hosts `lab up --hosts N` printed: LAB_HOSTS, LAB_URI/LAB_NETNS and LAB_HOSTk_URI/LAB_HOSTk_NETNS. */
    static List<LabHost> labHosts(Map<String, String> env) {
        String list = env.getOrDefault("LAB_HOSTS", "");
        if (list.isBlank()) {
            throw new IllegalStateException("no LAB_HOSTS in the environment: bring the lab up with --hosts 4 and "
                    + "export what `lab up` prints (set -a; eval \"$(src/lab/lab up --hosts 4)\")");
        }
        List<LabHost> out = new ArrayList<>();
        String[] entries = list.trim().split(" ");
        for (int k = 0; k < entries.length; k++) {
            String[] nameAndUri = entries[k].split("=", 2);
            String uri = k == 0 ? env.get("LAB_URI") : env.get("LAB_HOST" + (k + 1) + "_URI");
            String netns = k == 0 ? env.get("LAB_NETNS") : env.get("LAB_HOST" + (k + 1) + "_NETNS");
            if (uri == null || netns == null) {
                throw new IllegalStateException("the environment names " + nameAndUri[0] + " but not its local URI "
                        + "and namespace (LAB_URI/LAB_NETNS, LAB_HOSTk_URI/LAB_HOSTk_NETNS)");
            }
            out.add(new LabHost(nameAndUri[0], nameAndUri[1], uri, netns));
        }
        return out;
    }

    /** Cold `topology` processes: the fleet list read at once, and each of its hosts alone. */
    private static final class Reads {
        static final String FLEET = "fleet";
        static final String LOAD = "load";
        /** The CPU seconds the whole machine was busy during each fleet read, and during each read alone. */
        static final String FLEET_CPU = "fleet_cpu";
        static final String ALONE_CPU = "alone_cpu";
        private final Path virtwire;
        private final List<LabHost> hosts;
        private final boolean overSsh;
        private final Path configDir;
        private final CommandRunner runner = new CommandRunner(new Target.Local(), Duration.ofMinutes(5));
        private int guests;

        Reads(Path project, List<LabHost> hosts, boolean overSsh, Path configDir) {
            this.virtwire = project.resolve("target/bin/virtwire");
            this.hosts = hosts;
            this.overSsh = overSsh;
            this.configDir = configDir;
            for (LabHost h : hosts) {
                List<String> add = new ArrayList<>(List.of("hosts", "add", h.name()));
                add.addAll(reach(h));
                timed(add);
            }
        }

        int guests() {
            return guests;
        }

        Path configDir() {
            return configDir;
        }

        private List<String> reach(LabHost h) {
            return overSsh ? List.of("--connect", h.sshUri()) : List.of("--connect", h.localUri(), "--netns", h.netns());
        }

        /** A warm-up round that also checks every host was read whole, then {@code runs} rounds. */
        Map<String, Samples> inTurns(int runs) throws IOException {
            Map<String, Samples> out = new LinkedHashMap<>();
            out.put(FLEET, new Samples());
            hosts.forEach(h -> out.put(h.name(), new Samples()));
            out.put(LOAD, new Samples());
            out.put(FLEET_CPU, new Samples());
            out.put(ALONE_CPU, new Samples());
            for (int round = -1; round < runs; round++) {
                Timed fleet = timed(List.of("topology", "--fleet", "--json"));
                StringBuilder line = new StringBuilder(String.format("round %d: fleet %.0f ms (%.1f CPU s busy); "
                        + "alone:", round, fleet.ms(), fleet.busyCpuS()));
                if (round < 0) {
                    guests = checkWhole(fleet.stdout());
                } else {
                    out.get(FLEET).add(fleet.ms());
                    out.get(FLEET_CPU).add(fleet.busyCpuS());
                }
                for (LabHost h : hosts) {
                    List<String> argv = new ArrayList<>(List.of("topology", "--json"));
                    argv.addAll(reach(h));
                    Timed alone = timed(argv);
                    line.append(String.format(" %s %.0f ms (%.1f)", h.name(), alone.ms(), alone.busyCpuS()));
                    if (round >= 0) {
                        out.get(h.name()).add(alone.ms());
                        out.get(ALONE_CPU).add(alone.busyCpuS());
                    }
                }
                progress(line.toString());
                if (round >= 0) {
                    out.get(LOAD).add(loadAverage());
                }
            }
            return out;
        }

        /** Every host up, each with the guests it was grown by; the fleet's guests. */
        private int checkWhole(String json) throws IOException {
            JsonNode fleet = new ObjectMapper().readTree(json);
            int total = 0;
            for (JsonNode host : fleet.get("hosts")) {
                int n = host.at("/topology/guests").size();
                if (!host.path("state").asText().equals("up") || n < GUESTS_PER_HOST) {
                    throw new IllegalStateException(host.path("name").asText() + " was not read whole: state "
                            + host.path("state").asText() + ", " + n + " guests, " + host.path("error").asText());
                }
                total += n;
            }
            return total;
        }

        /** @param busyCpuS CPU seconds the machine spent outside idle meanwhile (every process, the hosts' too) */
        private record Timed(double ms, double busyCpuS, String stdout) {
        }

        private Timed timed(List<String> args) {
            List<String> argv = new ArrayList<>(List.of(virtwire.toString()));
            argv.addAll(args);
            argv.addAll(List.of("--config-dir", configDir.toString()));
            long busy = Settle.busyJiffies();
            long start = System.nanoTime();
            CommandResult result = runner.run(argv);
            double ms = Samples.millisSince(start);
            double busyCpuS = (Settle.busyJiffies() - busy) / 100.0;
            if (result.exitCode() != 0) {
                throw new IllegalStateException(result.commandLine() + " exited " + result.exitCode() + ": "
                        + result.stderr().strip());
            }
            return new Timed(ms, busyCpuS, result.stdout());
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void progress(String what) {
        System.err.println("bench: " + what);
    }
}
