package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.log.UncaughtFailures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application. {@link #open} shows the window; {@link #screenshot} renders it to a PNG. */
public final class VirtwireApp extends Application {
    private static volatile HostAddress initial = HostAddress.demo();
    private static volatile Path stateDir = Changes.defaultStateDir();
    private static volatile Path configDir = FleetList.defaultConfigDir();
    private static volatile Optional<Screenshot> screenshot = Optional.empty();
    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();

    record Screenshot(Path png, int width, int height) {
    }

    /** Where the window keeps the fleet list (File › Add host…): {@code --config-dir}, else the default. */
    public static void useConfigDir(Path dir) {
        configDir = dir;
    }

    /** Opens the window on a host; returns when the window is closed. */
    public static void open(HostAddress host) {
        open(host, Changes.defaultStateDir());
    }

    /** As {@link #open(HostAddress)}, keeping histories (and the demo host's state) in {@code states}. */
    public static void open(HostAddress host, Path states) {
        initial = host;
        stateDir = states;
        screenshot = Optional.empty();
        Application.launch(VirtwireApp.class);
    }

    /**
     * Opens the window on a host at the given size, waits for the first laid-out picture, writes it to a PNG
     * and exits. Throws when the host cannot be opened or the file cannot be written.
     */
    public static void screenshot(HostAddress host, Path states, Path png, int width, int height) {
        if (width < 320 || height < 240) {
            throw new IllegalArgumentException("a screenshot needs at least 320×240 pixels, not " + width + "×" + height);
        }
        initial = host;
        stateDir = states;
        screenshot = Optional.of(new Screenshot(png, width, height));
        Application.launch(VirtwireApp.class);
        Throwable failed = FAILURE.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException("no screenshot: " + failed.getMessage(), failed);
        }
    }

    public static void main(String[] args) {
        open(args.length > 0 ? HostAddress.of(args[0]) : HostAddress.demo());
    }

    @Override
    public void start(Stage stage) {
        Settings settings = Settings.user();
        MainWindow window = show(stage, settings, stateDir, configDir, List.of());
        // what nothing caught, on this thread or any other, is logged and said in the window in one line
        UncaughtFailures inWindow = new UncaughtFailures(line -> window.notifier().unexpected(line));
        Thread.setDefaultUncaughtExceptionHandler(inWindow);
        Thread.currentThread().setUncaughtExceptionHandler(inWindow);
        Optional<Screenshot> shot = screenshot;
        if (shot.isPresent()) {
            // the requested size, whatever the user's remembered window was
            stage.setMaximized(false);
            stage.setWidth(shot.get().width());
            stage.setHeight(shot.get().height());
            new ScreenshotTaker(window, shot.get().png(), FAILURE).arm();
        } else {
            rememberWindow(stage, settings);
        }
        window.open(initial);
    }

    /** Builds (or rebuilds, e.g. in another language) the window content, keeping the open hosts. */
    static MainWindow rebuild(Stage stage, Settings settings, Path stateDir, Path configDir,
                              List<HostSession> sessions) {
        return show(stage, settings, stateDir, configDir, sessions);
    }

    private static MainWindow show(Stage stage, Settings settings, Path stateDir, Path configDir,
                                   List<HostSession> sessions) {
        MainWindow window = new MainWindow(stage, settings, stateDir, configDir);
        if (stage.getScene() == null) {
            double[] w = settings.window();
            Scene scene = new Scene(window.root(), w[2], w[3]);
            stage.setScene(scene);
            stage.setX(w[0]);
            stage.setY(w[1]);
            stage.setMaximized(w[4] > 0);
        } else {
            stage.getScene().setRoot(window.root());
        }
        window.install(stage.getScene());
        stage.setTitle(window.text().get("app.title"));
        sessions.forEach(window::addTab);
        stage.show();
        return window;
    }

    private static void rememberWindow(Stage stage, Settings settings) {
        stage.setOnHidden(e -> {
            if (!stage.isMaximized()) {
                settings.setWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            } else {
                double[] w = settings.window();
                settings.setWindow(w[0], w[1], w[2], w[3], true);
            }
            Platform.exit();
        });
    }
}
