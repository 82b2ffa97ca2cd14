package dev.virtwire.ui;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.BooleanBinding;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.util.Duration;

/**
 * Waits for the first host tab to draw its picture, lets a few frames pass (layout, CSS, fit), then writes
 * the whole scene as a PNG and ends the application. Gives up after a while with the reason recorded.
 */
final class ScreenshotTaker {
    private static final int SETTLE_FRAMES = 6;
    private static final Duration GIVE_UP = Duration.seconds(60);

    private final MainWindow window;
    private final Path png;
    private final AtomicReference<Throwable> failure;
    private BooleanBinding ready; // held: a binding only its listeners know would be collected

    ScreenshotTaker(MainWindow window, Path png, AtomicReference<Throwable> failure) {
        this.window = window;
        this.png = png;
        this.failure = failure;
    }

    void arm() {
        // drawn, and its problems marked: the picture shows what a user sees a moment after opening the host
        window.tabs().getTabs().addListener((ListChangeListener<Tab>) change -> window.currentTab().ifPresent(tab -> {
            ready = tab.drawnProperty().and(tab.troubleshooting().checkedProperty());
            ready.addListener((o, was, now) -> {
                if (now) {
                    settleThenShoot();
                }
            });
        }));
        PauseTransition timeout = new PauseTransition(GIVE_UP);
        timeout.setOnFinished(e -> fail(new IllegalStateException("the host did not draw within "
                + (int) GIVE_UP.toSeconds() + " s")));
        timeout.play();
        // a host that cannot be opened never makes a tab: notice that through the status bar's error path
        window.onOpenFailed(this::fail);
    }

    private void settleThenShoot() {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    window.currentTab().ifPresent(t -> t.canvas().fit());
                }
                if (frames >= SETTLE_FRAMES) {
                    stop();
                    shoot();
                }
            }
        }.start();
    }

    private void shoot() {
        try {
            Exports.png(window.root(), png);
        } catch (java.io.IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        Platform.exit();
    }

    private void fail(Throwable problem) {
        failure.compareAndSet(null, problem);
        Platform.exit();
    }
}
