package dev.virtwire.ui;

import dev.virtwire.bench.SyntheticHost;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.GraphCanvas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * The window benchmark of src/bench/run: the real window, headless (Monocle, software pipeline), on a host
 * of about 500 guests. Measures the time from "connect" to the first frame showing every guest box, the
 * frame rate while a guest box is dragged and while the view is panned or zoomed, and the heap in use.
 * Arguments: {@code --connect URI --netns NS} (the lab), {@code --synthetic N} (a generated host of N running
 * guests) or {@code --synthetic-scale} (a generated host of the scale lab's shape, see SyntheticHost).
 * Prints one line of JSON on stdout; progress goes to stderr.
 */
public final class GuiBench {
    private static final int WARMUP = 1;
    private static final int RUNS = 5;
    private static final int STEPS = 120;
    static final long TIMEOUT_S = 180;
    /** A gesture stops early when it has taken this long: its rate is known by then. */
    static final long GESTURE_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Longer than the canvas waits after a zoom change before it redraws boxes sharp. */
    static final long SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Supplier<Host> connect;
    private final HostAddress address;
    private final Path stateDir;
    private final Preferences prefs = Preferences.userRoot().node("dev/virtwire/guibench/" + UUID.randomUUID());
    private final FramePulses pulses = new FramePulses();
    private MainWindow window;

    private GuiBench(HostAddress address, Supplier<Host> connect) throws Exception {
        this.address = address;
        this.connect = connect;
        this.stateDir = Files.createTempDirectory("virtwire-guibench");
    }

    public static void main(String[] args) {
        headless();
        try {
            GuiBench bench = parse(args);
            String json;
            try {
                json = bench.run();
            } finally {
                bench.prefs.removeNode();
            }
            System.out.println(json);
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("GuiBench: " + e.getMessage());
            System.err.println("usage: GuiBench --connect URI --netns NS | --synthetic N | --synthetic-scale");
            System.exit(2);
        } catch (Throwable e) {
            System.err.println("GuiBench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The JavaFX software pipeline inside Monocle's headless screen, unless the command line says otherwise. */
    static void headless() {
        for (String[] p : new String[][] {{"glass.platform", "Monocle"}, {"monocle.platform", "Headless"},
                {"prism.order", "sw"}, {"prism.text", "t2k"}, {"testfx.headless", "true"}, {"java.awt.headless", "true"}}) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
    }

    private static GuiBench parse(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--synthetic")) {
            int guests;
            try {
                guests = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--synthetic wants a number of guests, not " + args[1]);
            }
            HostSnapshot snapshot = SyntheticHost.withGuests(guests);
            return new GuiBench(new HostAddress("synthetic:///" + guests, new Target.Local()),
                    () -> new SimulatedHost(snapshot));
        }
        if (args.length == 1 && args[0].equals("--synthetic-scale")) {
            HostSnapshot snapshot = SyntheticHost.likeScaleLab();
            return new GuiBench(new HostAddress("synthetic:///scale", new Target.Local()),
                    () -> new SimulatedHost(snapshot));
        }
        if (args.length == 4 && args[0].equals("--connect") && args[2].equals("--netns")) {
            HostAddress address = new HostAddress(args[1], new Target.Netns(args[3]));
            return new GuiBench(address, () -> Hosts.open(address));
        }
        throw new IllegalArgumentException("unexpected arguments " + List.of(args));
    }

    private String run() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(TIMEOUT_S, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        onFx(() -> {
            Settings settings = new Settings(prefs);
            settings.setLocale(Locale.ENGLISH);
            // inside Monocle's headless screen (1280×800)
            settings.setWindow(0, 0, 1200, 760, false);
            window = VirtwireApp.rebuild(new Stage(), settings, stateDir, stateDir.resolve("config"), List.of());
            pulses.start();
            return null;
        });

        List<Double> firstFrames = new ArrayList<>();
        List<Double> groupedFrames = new ArrayList<>();
        int guests = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            closeTabs();
            Opened opened = openAndShowAllGuests();
            guests = opened.guests;
            progress(String.format(Locale.ROOT, "%s: first picture %.0f ms, all %d guests %.0f ms",
                    i < WARMUP ? "warm-up" : "run " + (i - WARMUP + 1), opened.groupedMs, guests, opened.allGuestsMs));
            if (i >= WARMUP) {
                firstFrames.add(opened.allGuestsMs);
                groupedFrames.add(opened.groupedMs);
            }
        }
        double heap = heapMb();
        progress(String.format(Locale.ROOT, "heap in use with the host shown: %.0f MB", heap));
        GraphCanvas canvas = onFx(() -> window.currentTab().orElseThrow().canvas());
        CanvasGestures gestures = new CanvasGestures(canvas, pulses, STEPS);
        List<Double> drag = new ArrayList<>();
        List<Double> pan = new ArrayList<>();
        List<Double> zoom = new ArrayList<>();
        double fitZoom = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double d = gestures.dragGuest();
            double p = gestures.pan();
            fitZoom = gestures.startZoom();
            double z = gestures.zoom();
            progress(String.format(Locale.ROOT, "%s: drag %.1f fps, pan %.1f fps (at zoom %.3f), zoom %.1f fps",
                    i < WARMUP ? "warm-up" : "run " + (i - WARMUP + 1), d, p, fitZoom, z));
            if (i >= WARMUP) {
                drag.add(d);
                pan.add(p);
                zoom.add(z);
            }
        }
        double heapAfter = heapMb();
        progress(String.format(Locale.ROOT, "heap in use after the gestures: %.0f MB", heapAfter));
        // the same gestures at 100 % (what a user works at once they look closer); on stderr only
        gestures.fromFullSize();
        List<Double> dragFull = new ArrayList<>();
        List<Double> panFull = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double d = gestures.dragGuest();
            double p = gestures.pan();
            progress(String.format(Locale.ROOT, "%s: drag %.1f fps, pan %.1f fps (at zoom %.3f)",
                    i < WARMUP ? "warm-up" : "run " + (i - WARMUP + 1), d, p, gestures.startZoom()));
            if (i >= WARMUP) {
                dragFull.add(d);
                panFull.add(p);
            }
        }
        progress(String.format(Locale.ROOT, "medians: drag %.1f / pan %.1f fps from fit (zoom %.3f), "
                + "%.1f / %.1f fps at 100 %%", median(drag), median(pan), fitZoom, median(dragFull), median(panFull)));
        return String.format(Locale.ROOT, "{\"guests\":%d,\"first_frame_ms\":%.0f,\"first_picture_ms\":%.0f,"
                        + "\"drag_fps\":%.1f,\"pan_fps\":%.1f,\"zoom_fps\":%.1f,\"heap_mb\":%.0f,\"heap_after_gestures_mb\":%.0f}",
                guests, median(firstFrames), median(groupedFrames), median(drag), median(pan), median(zoom), heap,
                heapAfter);
    }

    private record Opened(int guests, double groupedMs, double allGuestsMs) {
    }

    /**
     * Opens the host as MainWindow.open does (host and first snapshot off the FX thread, then a tab), opens
     * every group box (double-click) as soon as the first picture is up, and waits for the frame that shows
     * every guest box.
     */
    private Opened openAndShowAllGuests() throws Exception {
        long start = System.nanoTime();
        HostSession session = CompletableFuture.supplyAsync(() -> new HostSession(address, connect.get(), stateDir))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        int guests = session.snapshot().guests().size();
        HostTab tab = onFx(() -> window.addTab(session));
        long grouped = pulses.frameAfter(() -> tab.drawnProperty().get());
        onFx(() -> {
            GraphCanvas canvas = tab.canvas();
            // the guests' groups; the group of links no guest uses stays closed, as a user would leave it
            canvas.diagram().nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.GROUP
                            && !n.id().equals(dev.virtwire.ui.canvas.DiagramBuilder.OTHER_LINKS))
                    .map(n -> canvas.skin(n.id()).orElseThrow()).toList()
                    .forEach(group -> CanvasGestures.doubleClick(group));
            return null;
        });
        long all = pulses.frameAfter(() -> guestBoxesShown(tab.canvas()) == guests);
        return new Opened(guests, (grouped - start) / 1e6, (all - start) / 1e6);
    }

    private static long guestBoxesShown(GraphCanvas canvas) {
        return canvas.diagram().nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.GUEST)
                .map(n -> canvas.skin(n.id())).filter(s -> s.isPresent() && s.get().getScene() != null).count();
    }

    private void closeTabs() throws Exception {
        closeTabs(window);
    }

    /** Closes every host tab as its close button does. */
    static void closeTabs(MainWindow window) throws Exception {
        onFx(() -> {
            for (Tab tab : List.copyOf(window.tabs().getTabs())) {
                window.tabs().getTabs().remove(tab);
                Event.fireEvent(tab, new Event(Tab.CLOSED_EVENT));
            }
            return null;
        });
    }

    private double heapMb() throws Exception {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void progress(String line) {
        System.err.println("[guibench] " + line);
    }
}
