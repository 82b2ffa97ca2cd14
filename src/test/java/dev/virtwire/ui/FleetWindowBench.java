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

    private FleetWindowBench(Path configDir) throws Exception {
        this.configDir = configDir;
        this.stateDir = Files.createTempDirectory("virtwire-fleet-guibench");
    }

    public static void main(String[] args) {
        GuiBench.headless();
        try {
            if (args.length != 1) {
                System.err.println("usage: FleetWindowBench CONFIG_DIR (the dir of the fleet list, hosts.json)");
                System.exit(2);
            }
            FleetWindowBench bench = new FleetWindowBench(Path.of(args[0]));
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
        int hosts = new FleetList(configDir).hosts().size();
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
        PhaseLog phases = new PhaseLog();
        int guests = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            GuiBench.closeTabs(window);
            phases.clear();
            long start = System.nanoTime();
            GuiBench.onFx(() -> {
                FleetMenu.openFleet(window);
                return null;
            });
            long frame = pulses.frameAfter(() -> drawnFrames() == hosts);
            double ms = (frame - start) / 1e6;
            guests = GuiBench.onFx(() -> window.currentFleet().orElseThrow().hostsUp().values().stream()
                    .mapToInt(s -> s.guests().size()).sum());
            GuiBench.progress(String.format(Locale.ROOT, "%s: every one of %d hosts' frames drawn (%d guests) %.0f ms",
                    i < WARMUP ? "warm-up" : "run " + (i - WARMUP + 1), hosts, guests, ms));
            phases.report(start);
            if (i >= WARMUP) {
                frames.add(ms);
            }
        }
        return String.format(Locale.ROOT, "{\"hosts\":%d,\"guests\":%d,\"first_frame_ms\":%.0f}", hosts, guests,
                GuiBench.median(frames));
    }

    /**
     * The phases FleetHosts and FleetTab log for each host ({@code fleet timing HOST PHASE MS}, at DEBUG), each
     * with when it ended since Open the fleet: where the window's time goes, host by host.
     */
    private static final class PhaseLog extends java.util.logging.Handler {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Long> ends = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Held: the logging framework keeps its loggers weakly. */
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.virtwire.ui.FleetTiming");

        PhaseLog() {
            logger.setLevel(java.util.logging.Level.FINE);
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        void clear() {
            synchronized (lines) {
                lines.clear();
                ends.clear();
            }
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            synchronized (lines) {
                lines.add(r.getMessage());
                ends.add(System.nanoTime());
            }
        }

        /** One line per host: each phase's length and, after @, when it ended since {@code start} (ms). */
        void report(long start) {
            java.util.Map<String, StringBuilder> byHost = new java.util.TreeMap<>();
            synchronized (lines) {
                for (int k = 0; k < lines.size(); k++) {
                    String[] w = lines.get(k).split(" "); // fleet timing HOST PHASE MS
                    byHost.computeIfAbsent(w[2], h -> new StringBuilder()).append(String.format(Locale.ROOT,
                            " %s %s@%d", w[3], w[4], (ends.get(k) - start) / 1_000_000));
                }
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
