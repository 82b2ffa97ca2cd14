package dev.virtwire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every benchmark of src/bench/run, against the lab grown to scale. Prints a table of medians (p95 where it
 * matters) with ratios measured in the same run, and writes target/bench/results.json.
 * Arguments: LAB_URI LAB_NETNS PROJECT_DIR.
 */
public final class Benchmarks {
    static final int GUESTS = 500;
    static final int RUNNING = 20;
    static final int LINK_GROUPS = 145; // 7 links a group: 1,015 links, plus the lab's own
    private static final int RUNS = 10;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String netns = args[1];
        Path project = Path.of(args[2]);
        HostAddress address = new HostAddress(uri, new Target.Netns(netns));
        ScaleLab scale = new ScaleLab(uri, netns);
        progress("one-guest commands, cold, on the 3-guest lab (before it grows)");
        var oneGuestSmall = OneGuestBench.run(project, uri, netns, RUNS);

        progress("growing the lab: " + GUESTS + " guests x 2 NICs (" + RUNNING + " running), "
                + LINK_GROUPS * 7 + " kernel links");
        List<String> guests = scale.defineGuests(GUESTS, RUNNING);
        scale.addLinks(LINK_GROUPS);
        progress("waiting for the started guests to finish booting (until CPU use is steady, at most 5 minutes)");
        progress(String.format("CPUs %.0f%% idle with %d guests running", 100 * Settle.untilSteady(300), RUNNING + 3));

        ObjectNode results = new ObjectMapper().createObjectNode();
        ObjectNode discovery = results.putObject("discovery");
        double baselineMs;
        Table table = new Table();
        progress("one-guest commands, cold, on the 503-guest lab");
        OneGuestBench.report(oneGuestSmall, OneGuestBench.run(project, uri, netns, RUNS), table, results);
        // opened as the command line opens a host (to read and change it); the window's watched host comes later
        try (Host host = Hosts.open(address)) {
            HostSnapshot snapshot = host.snapshot();
            discovery.put("guests", snapshot.guests().size());
            discovery.put("links", snapshot.links().size());

            progress("discovery: warm snapshots in process (warmed up until the JIT compiler is done)");
            progress("warm-up: " + JitWarmup.untilCompiled(host::snapshot));
            Samples warm = timed(host);
            progress("discovery: cold `virtwire topology --json` processes, through the resident session and in "
                    + "process, in turns with the baseline");
            ColdTopologyBench.Result cold = ColdTopologyBench.run(project, uri, netns, RUNS);
            progress("discovery: cold `topology --json` of the installed .deb's /usr/bin/virtwire, in turns with "
                    + "target/bin/virtwire");
            List<Samples> installed = InstalledColdStart.run(project, uri, netns, 5);
            progress("discovery: the same facts with virsh, ip, bridge and nft");
            Baseline baseline = new Baseline(uri, netns);
            baseline.collectOnce();
            Samples base = new Samples();
            for (int i = 0; i < 5; i++) {
                base.add(baseline.collectOnce());
            }
            discovery.put("warm_ms", round(warm.median()));
            discovery.put("cold_installed_ms", round(installed.get(0).median()));
            discovery.put("cold_target_in_turns_ms", round(installed.get(1).median()));
            discovery.put("baseline_ms", round(base.median()));
            baselineMs = base.median();
            table.row("discovery, warm (in process)", warm, base.median(), "<= 1/5 of baseline");
            ColdTopologyBench.report(cold, table, discovery);
            table.row("discovery, cold, installed package (/usr/bin/virtwire)", installed.get(0), base.median(), "");
            table.row("discovery, cold, target/bin/virtwire in turns with it", installed.get(1), base.median(), "");
            table.row("baseline: virsh batch + ip + bridge + nft", base, base.median(), "");

            progress("apply: attach + verify on a running guest, and its undo, against bare virsh update-device");
            List<Samples> attach = new AttachBench(host, address, uri).run(guests.get(RUNNING - 1), RUNS);
            ObjectNode attachJson = results.putObject("attach_ms");
            attachJson.put("virtwire", round(attach.get(0).median()));
            attachJson.put("virtwire_undo", round(attach.get(1).median()));
            attachJson.put("virsh", round(attach.get(2).median()));
            table.row("attach + verify (virtwire apply)", attach.get(0), attach.get(2).median(), "<= 3x virsh");
            table.row("undo of that attach (virtwire undo)", attach.get(1), attach.get(2).median(), "<= 3x virsh");
            table.row("bare virsh update-device --live", attach.get(2), attach.get(2).median(), "");

            results.put("heap_mb", round(heapAfterLoading(host)));
            table.line(String.format("heap after loading the %d-guest host: %.0f MB (target <= 300 MB)",
                    snapshot.guests().size(), results.get("heap_mb").asDouble()));
        }
        // opened as the window opens a host: libvirt's event loop runs, and every call wakes it
        try (Host watched = Hosts.openToWatch(address, java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            progress("live updates: external ip/virsh changes until the model shows them");
            Samples live = new LiveUpdateBench(watched, uri, netns).run(20, guests.subList(0, 5));
            ObjectNode liveJson = results.putObject("live_update_ms");
            liveJson.put("median", round(live.median()));
            liveJson.put("p95", round(live.p95()));
            table.row("live update (ip link master / virsh update-device)", live, 0, "p95 < 1000 ms");

            progress("discovery: warm snapshots of the watched host (as the window reads it)");
            progress("warm-up: " + JitWarmup.untilCompiled(watched::snapshot));
            Samples watchedWarm = timed(watched);
            discovery.put("warm_watched_ms", round(watchedWarm.median()));
            table.row("discovery, warm, host watched (the window)", watchedWarm, baselineMs, "");
        }
        progress("window: the " + GUESTS + "-guest host in the real window, headless (software pipeline)");
        JsonNode gui = WindowBench.run(uri, netns);
        ObjectNode guiJson = results.putObject("gui");
        guiJson.put("first_frame_ms", gui.get("first_frame_ms").asDouble());
        guiJson.put("drag_fps", gui.get("drag_fps").asDouble());
        guiJson.put("pan_fps", gui.get("pan_fps").asDouble());
        guiJson.put("window_heap_mb", gui.get("heap_mb").asDouble());
        table.line(String.format("window, %d guests: first frame with every guest %.0f ms (target <= 2000 ms); "
                + "drag %.1f fps, pan %.1f fps (target >= 30); heap with the host shown %.0f MB",
                gui.get("guests").asInt(), gui.get("first_frame_ms").asDouble(), gui.get("drag_fps").asDouble(),
                gui.get("pan_fps").asDouble(), gui.get("heap_mb").asDouble()));

        write(project.resolve("target/bench/results.json"), table, results);
    }

    /** Prints the table and writes the results as JSON. */
    static void write(Path out, Table table, ObjectNode results) throws java.io.IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(results));
        System.out.println(table);
        System.out.println("results: " + out);
    }

    private static Samples timed(Host host) {
        Samples warm = new Samples();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            host.snapshot();
            warm.add(Samples.millisSince(start));
        }
        return warm;
    }

    /** Used heap with one full snapshot and its topology held, after collection. */
    private static double heapAfterLoading(Host host) {
        HostSnapshot held = host.snapshot();
        Topology topology = Topology.of(held);
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        double mb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
        if (topology.nodes().isEmpty()) {
            throw new IllegalStateException("empty topology");
        }
        return mb;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void progress(String what) {
        System.err.println("bench: " + what);
    }
}
