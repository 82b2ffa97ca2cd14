package dev.virtwire.ui;

import dev.virtwire.host.HostAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on the demo host, with settings of its own so tests never see a user's preferences. */
final class DemoWindow {
    private final Preferences prefs = Preferences.userRoot().node("dev/virtwire/ui-test/" + UUID.randomUUID());
    final MainWindow window;

    DemoWindow(Stage stage) {
        Settings settings = new Settings(prefs);
        settings.setLocale(java.util.Locale.ENGLISH);
        // inside Monocle's headless screen (1280×800): a bigger window makes its painter overflow
        settings.setWindow(0, 0, 1200, 760, false);
        try {
            window = VirtwireApp.rebuild(stage, settings, Files.createTempDirectory("virtwire-ui-test"), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        window.open(HostAddress.demo());
    }

    /** Waits until the demo host's picture is on the canvas. */
    HostTab awaitDrawn() throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> window.currentTab().map(t -> t.drawnProperty().get()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.currentTab().orElseThrow();
    }

    void forget() {
        try {
            prefs.removeNode();
        } catch (BackingStoreException e) {
            // a test's leftover preferences node is harmless
        }
    }
}
