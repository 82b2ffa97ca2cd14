package dev.virtwire.ui;

import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.ui.canvas.HostFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The window's part of the fleet benchmark: the real window, headless, opens the fleet list (File › Open the
 * fleet: each host read on its own thread, each a frame of the Fleet tab's canvas) and the time is taken to the end
 * of the first frame in which every host's frame holds its graph. Argument: the config dir that holds the fleet
 * list (two hosts or more). Prints one line of JSON; progress goes to stderr.
 */
public final class FleetWindowBench {
    private static final int WARMUP = 1;
    private static final int RUNS = 3;

    private final Path configDir;
    private final Path stateDir;
    private final Preferences prefs = Preferences.userRoot().node("dev/virtwire/guibench/" + UUID.randomUUID());
    private final FramePulses pulses = new FramePulses();
    private MainWindow window;
    /** With {@code --simulated GUESTS}: four simulated hosts of that many guests, opened without a read's wait. */
    private final int simulatedGuests;

    private FleetWindowBench(Path configDir, int simulatedGuests) throws Exception {
        this.configDir = configDir;
        this.simulatedGuests = simulatedGuests;
        this.stateDir = Files.createTempDirectory("virtwire-fleet-guibench");
    }

    public static void main(String[] args) {
        GuiBench.headless();
        try {
            boolean simulated = args.length == 2 && args[0].equals("--simulated");
            if (args.length != 1 && !simulated) {
                System.err.println("usage: FleetWindowBench CONFIG_DIR (the dir of the fleet list, hosts.json) | "
                        + "--simulated GUESTS (four simulated hosts: the window's own share, without reads)");
                System.exit(2);
            }
            FleetWindowBench bench = simulated
                    ? new FleetWindowBench(Files.createTempDirectory("virtwire-fleet-sim"), Integer.parseInt(args[1]))
                    : new FleetWindowBench(Path.of(args[0]), 0);
            try {
                System.out.println(bench.run());
            } finally {
                bench.prefs.removeNode();
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("FleetWindowBench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private String run() throws Exception {
        List<dev.virtwire.host.fleet.FleetEntry> simulated = java.util.stream.IntStream.rangeClosed(1, 4)
                .mapToObj(k -> new dev.virtwire.host.fleet.FleetEntry("sim" + k, dev.virtwire.host.HostAddress.demo()))
                .toList();
        dev.virtwire.model.HostSnapshot big = simulatedGuests == 0 ? null : dev.virtwire.ui.canvas.BigHost.withGuests(
                dev.virtwire.host.sim.SimulatedHost.demo().snapshot(), simulatedGuests);
        int hosts = simulatedGuests > 0 ? simulated.size() : new FleetList(configDir).hosts().size();
        if (hosts < 2) {
            throw new IllegalArgumentException("the fleet list in " + configDir + " has " + hosts
                    + " hosts: the Fleet tab needs two or more");
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(180, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        GuiBench.onFx(() -> {
            Settings settings = new Settings(prefs);
            settings.setLocale(Locale.ENGLISH);
            settings.setWindow(0, 0, 1200, 760, false);
            window = VirtwireApp.rebuild(new Stage(), settings, stateDir, configDir, List.of());
            pulses.start();
            return null;
        });
        List<Double> frames = new ArrayList<>();
        List<Double> counted = new ArrayList<>();
        PhaseLog phases = new PhaseLog();
        int guests = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            GuiBench.closeTabs(window);
            phases.clear();
            long start = System.nanoTime();
            GuiBench.onFx(() -> {
                if (big != null) {
                    FleetMenu.show(window, simulated, e -> new dev.virtwire.host.sim.SimulatedHost(big),
                            java.time.Duration.ofSeconds(5));
                } else {
                    FleetMenu.openFleet(window);
                }
                return null;
            });
            long frame = pulses.frameAfter(() -> drawnFrames() == hosts);
            double ms = (frame - start) / 1e6;
            // every frame's summary with its problem count (at once with the graph before the count came later)
            long count = pulses.frameAfter(() -> window.currentFleet().map(f -> f.canvas().frames().stream()
                    .allMatch(h -> ((javafx.scene.control.Labeled) f.canvas().lookup("#frame-summary-" + h.host()))
                            .getText().endsWith(" problems"))).orElse(false));
            double countMs = (count - start) / 1e6;
            guests = GuiBench.onFx(() -> window.currentFleet().orElseThrow().hostsUp().values().stream()
                    .mapToInt(s -> s.guests().size()).sum());
            GuiBench.progress(String.format(Locale.ROOT, "%s: every one of %d hosts' frames drawn (%d guests) %.0f ms, "
                    + "their problems counted %.0f ms", i < WARMUP ? "warm-up" : "run " + (i - WARMUP + 1), hosts,
                    guests, ms, countMs));
            phases.report(start);
            if (i >= WARMUP) {
                frames.add(ms);
                counted.add(countMs);
            }
        }
        return String.format(Locale.ROOT, "{\"hosts\":%d,\"guests\":%d,\"first_frame_ms\":%.0f,\"counted_ms\":%.0f}",
                hosts, guests, GuiBench.median(frames), GuiBench.median(counted));
    }

    /**
     * The phases FleetHosts and FleetTab log for each host ({@code fleet timing HOST PHASE MS}, at DEBUG, into
     * Virtwire's log, whose lines are echoed here), each with when it ended since Open the fleet: where the window's
     * time goes, host by host.
     */
    private static final class PhaseLog extends java.io.Writer {
        private final List<String> lines = new ArrayList<>();
        private final List<Long> ends = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();

        PhaseLog() {
            dev.virtwire.log.Log.echoTo(java.util.Optional.of(new java.io.PrintWriter(this, true)));
        }

        synchronized void clear() {
            lines.clear();
            ends.clear();
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            pending.append(buf, off, len);
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                int at = line.indexOf("fleet timing ");
                if (at >= 0) {
                    lines.add(line.substring(at).strip());
                    ends.add(System.nanoTime());
                }
            }
        }

        /** One line per host: each phase's length and, after @, when it ended since {@code start} (ms). */
        synchronized void report(long start) {
            java.util.Map<String, StringBuilder> byHost = new java.util.TreeMap<>();
            for (int k = 0; k < lines.size(); k++) {
                String[] w = lines.get(k).split(" "); // fleet timing HOST PHASE MS
                byHost.computeIfAbsent(w[2], h -> new StringBuilder()).append(String.format(Locale.ROOT,
                        " %s %s@%d", w[3], w[4], (ends.get(k) - start) / 1_000_000));
            }
            byHost.forEach((host, phases) -> GuiBench.progress("  " + host + ":" + phases));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** The Fleet tab's frames that hold their host's graph (none while the list is still being read). */
    private long drawnFrames() {
        return window.currentFleet().map(f -> f.canvas().frames().stream().filter(HostFrame::hasGraph).count())
                .orElse(0L);
    }
}
