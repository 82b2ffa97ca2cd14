package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.virtwire.host.HostAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a host (the demo host unless told otherwise), with settings and a history of its own so
 * tests never see a user's preferences or leave theirs behind.
 */
final class TestWindow {
    static final double WIDTH = 1200;
    private final Preferences prefs = Preferences.userRoot().node("dev/virtwire/ui-test/" + UUID.randomUUID());
    private final AtomicReference<Throwable> openFailed = new AtomicReference<>();
    private final Path stateDir;
    final MainWindow window;
    final Stage stage;
    final Settings settings;

    TestWindow(Stage stage) {
        this(stage, HostAddress.demo());
    }

    /** Opens {@code host} as File › Open does. */
    TestWindow(Stage stage, HostAddress host) {
        this(stage, java.util.Optional.of(host));
    }

    /** The window with no host open when {@code host} is empty (a test opens its own, see {@link #stateDir()}). */
    TestWindow(Stage stage, java.util.Optional<HostAddress> host) {
        this(stage, host, WIDTH, s -> { });
    }

    /** The demo host in a window that {@code look} sets up (size, theme, language) after the tests' defaults. */
    TestWindow(Stage stage, java.util.function.Consumer<Settings> look) {
        this(stage, java.util.Optional.of(HostAddress.demo()), WIDTH, look);
    }

    /**
     * The window on a stage of its own, {@code width} px wide, on {@code host} (none when empty): the shared
     * stage already holds a host, and Monocle cannot paint a window grown after its first picture. Close it
     * with {@link #closeOwnStage}.
     */
    static TestWindow onItsOwnStage(org.testfx.api.FxRobot robot, java.util.Optional<HostAddress> host,
                                    double width) {
        AtomicReference<TestWindow> made = new AtomicReference<>();
        robot.interact(() -> made.set(new TestWindow(new Stage(), host, width, s -> { })));
        return made.get();
    }

    void closeOwnStage(org.testfx.api.FxRobot robot) {
        robot.interact(stage::close);
        forget();
    }

    private TestWindow(Stage stage, java.util.Optional<HostAddress> host, double width,
                       java.util.function.Consumer<Settings> look) {
        this.stage = stage;
        settings = new Settings(prefs);
        settings.setLocale(java.util.Locale.ENGLISH);
        // inside Monocle's headless screen (pom: headless.geometry): a bigger window makes its painter overflow
        settings.setWindow(0, 0, width, 760, false);
        look.accept(settings);
        try {
            stateDir = Files.createTempDirectory("virtwire-ui-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        window = VirtwireApp.rebuild(stage, settings, stateDir, configDir(), List.of());
        window.onOpenFailed(openFailed::set);
        host.ifPresent(window::open);
    }

    /** Where this window keeps its hosts' histories. */
    Path stateDir() {
        return stateDir;
    }

    /** Where this window keeps its fleet list. */
    Path configDir() {
        return stateDir.resolve("config");
    }

    /** Waits until the host's picture is on the canvas (the demo host's takes well under 15 s). */
    HostTab awaitDrawn() throws TimeoutException {
        return awaitDrawn(15);
    }

    /** Waits until the host's picture is on the canvas; fails at once, saying why, when the host could not open. */
    HostTab awaitDrawn(long seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> openFailed.get() != null
                || window.currentTab().map(t -> t.drawnProperty().get()).orElse(false));
        assertNull(openFailed.get(), () -> "the window could not open the host: " + openFailed.get());
        WaitForAsyncUtils.waitForFxEvents();
        return window.currentTab().orElseThrow();
    }

    /**
     * Waits until the host's live updates are up and the canvas shows what the host was read as then: a real host
     * read again after its watch started is drawn again, and a box dragged meanwhile would leave the scene.
     */
    HostTab awaitLive(long seconds) throws TimeoutException {
        HostTab tab = awaitDrawn(seconds);
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> tab.session().liveProperty().get() && tab.upToDate()).get());
        WaitForAsyncUtils.waitForFxEvents();
        return tab;
    }

    /** Waits until the window was told the host could not be opened. */
    void awaitOpenFailed(long seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> openFailed.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The node a query finds that is on screen now (a panel drawn again leaves its old nodes unshown). */
    static java.util.Optional<javafx.scene.Node> shown(org.testfx.api.FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(n -> n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing() && n.isVisible())
                .findFirst();
    }

    void forget() {
        try {
            prefs.removeNode();
        } catch (BackingStoreException e) {
            // a test's leftover preferences node is harmless
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary history is harmless
        }
    }
}
