package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.NodeSkin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The demo host as a new user first sees it, at 1600×1000 and 1024×640, light, dark and in Chinese: measures
 * on the real window how big the boxes' text is and how much of the canvas the picture fills at fit, asserts
 * the floors, and saves the window as a PNG (the README's screenshots:
 * {@code -Dscreenshots=assets/screenshots} writes them there; by default they go to target/screenshots).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    /** Issue 16: at 1600×1000 every box's name is read at fit, not guessed. */
    private static final double NAME_PX_1600 = 11;
    /**
     * At 1024×640 the canvas is about 1024×420: the demo host's 22 boxes cannot be 11 px there (that needs a
     * picture of about 1200×500 world px; it is about 1700×800, in two tiers of guests; 2,400×770 in one row
     * before). The names are about 6.5 px (5 px before): enough to see which box is which and point at it,
     * not to read at ease; Zoom in reads them. The floor keeps a later change from making it worse.
     */
    private static final double NAME_PX_1024 = 6;
    /** The picture's bounding box over the canvas: most of it at both sizes. */
    private static final double FILL = 0.6;

    record Look(String file, int width, int height, boolean dark, Locale locale) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Look> looks() {
        return Stream.of(1600, 1024).flatMap(w -> {
            int h = w == 1600 ? 1000 : 640;
            String size = w + "x" + h;
            // the light 1600×1000 one is the README's and the AppStream metadata's demo.png
            return Stream.of(new Look(w == 1600 ? "demo.png" : "demo-" + size + ".png", w, h, false, Locale.ENGLISH),
                    new Look("demo-" + size + "-dark.png", w, h, true, Locale.ENGLISH),
                    new Look("demo-" + size + "-zh_CN.png", w, h, false, Locale.SIMPLIFIED_CHINESE));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looks")
    void theDemoHostReadsAtFit(Look look, FxRobot robot) throws TimeoutException, IOException {
        TestWindow[] demo = new TestWindow[1];
        robot.interact(() -> demo[0] = new TestWindow(new Stage(), s -> {
            s.setWindow(0, 0, look.width(), look.height(), false);
            s.setDark(look.dark());
            s.setLocale(look.locale());
        }));
        try {
            HostTab tab = demo[0].awaitDrawn();
            // as the --screenshot option: drawn and its problems marked, then fitted
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> tab.troubleshooting().checkedProperty().get());
            robot.interact(() -> tab.canvas().fit());
            WaitForAsyncUtils.waitForFxEvents();
            Figures f = new Figures();
            robot.interact(() -> f.measure(tab.canvas()));
            Path dir = Path.of(System.getProperty("screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path png = dir.resolve(look.file());
            robot.interact(() -> {
                try {
                    Exports.png(demo[0].window.root(), png);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            System.out.printf(Locale.ROOT, "%s: names >= %.1f px, any box text >= %.1f px, picture %.0f %% of the "
                    + "%.0f×%.0f canvas -> %s%n", look, f.smallestName, f.smallestText, f.fill() * 100, f.canvasW,
                    f.canvasH, png);
            double floor = look.width() == 1600 ? NAME_PX_1600 : NAME_PX_1024;
            assertTrue(f.smallestName >= floor, look + ": the smallest name is " + f.smallestName + " px, under "
                    + floor);
            assertTrue(f.fill() >= FILL, look + ": the picture fills " + f.fill() + " of the canvas");
        } finally {
            robot.interact(() -> demo[0].window.root().getScene().getWindow().hide());
            demo[0].forget();
        }
    }

    /** Text sizes as drawn on the screen (font size times the canvas's zoom) and the picture's share. */
    private static final class Figures {
        double smallestName = Double.MAX_VALUE;
        double smallestText = Double.MAX_VALUE;
        double canvasW;
        double canvasH;
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;

        void measure(GraphCanvas canvas) {
            canvasW = canvas.getWidth();
            canvasH = canvas.getHeight();
            for (Node child : canvas.world().lookupAll(".box")) {
                if (child instanceof NodeSkin box && box.isVisible()) {
                    Bounds b = canvas.sceneToLocal(box.localToScene(box.getLayoutBounds()));
                    minX = Math.min(minX, Math.max(0, b.getMinX()));
                    minY = Math.min(minY, Math.max(0, b.getMinY()));
                    maxX = Math.max(maxX, Math.min(canvasW, b.getMaxX()));
                    maxY = Math.max(maxY, Math.min(canvasH, b.getMaxY()));
                    texts(box);
                }
            }
        }

        private void texts(Parent parent) {
            for (Node n : parent.getChildrenUnmodifiable()) {
                if (!n.isVisible()) {
                    continue;
                }
                double scale = n.getLocalToSceneTransform().getMyy();
                if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                    seen(l.getFont().getSize() * scale, l.getStyleClass().contains("box-title"));
                } else if (n instanceof Text t && t.getStyleClass().contains("box-brief")) {
                    seen(t.getFont().getSize() * scale, true);
                } else if (n instanceof Parent p && !(n instanceof Labeled)) {
                    texts(p);
                }
            }
        }

        private void seen(double px, boolean name) {
            smallestText = Math.min(smallestText, px);
            if (name) {
                smallestName = Math.min(smallestName, px);
            }
        }

        double fill() {
            return (maxX - minX) * (maxY - minY) / (canvasW * canvasH);
        }
    }
}
