package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.ui.canvas.GraphCanvas;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The canvas keeps only the lines near the view in its bitmap; a saved picture still has all of them. */
@ExtendWith(ApplicationExtension.class)
class CanvasPictureTest {
    private TestWindow demo;

    @Start
    void start(Stage stage) {
        demo = new TestWindow(stage);
    }

    @AfterEach
    void forget() {
        demo.forget();
    }

    @Test
    void theSavedPictureHasTheLinesOutOfView(FxRobot robot) throws TimeoutException {
        GraphCanvas canvas = demo.awaitDrawn().canvas();
        // close up on one corner: most lines are far out of view
        robot.interact(() -> {
            canvas.reveal(key("guest:build"));
            canvas.zoomIn();
            canvas.zoomIn();
        });
        List<String> missing = new ArrayList<>();
        int[] outOfView = {0};
        robot.interact(() -> {
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            WritableImage picture = canvas.picture(params);
            PixelReader pixels = picture.getPixelReader();
            Bounds world = canvas.world().getBoundsInParent();
            for (Node edge : canvas.world().lookupAll(".edge-wire")) {
                CubicCurve line = (CubicCurve) ((Group) edge).getChildren().get(0);
                Point2D inCanvas = canvas.world().localToParent(middle(line));
                if (!canvas.getLayoutBounds().contains(inCanvas)) {
                    outOfView[0]++;
                }
                int x = (int) (inCanvas.getX() - world.getMinX());
                int y = (int) (inCanvas.getY() - world.getMinY());
                if (pixels.getColor(x, y).getOpacity() == 0) {
                    missing.add(edge.toString());
                }
            }
        });
        assertTrue(outOfView[0] > 5, "most lines are out of view: " + outOfView[0]);
        assertTrue(missing.isEmpty(), "lines missing from the picture: " + missing);
    }

    private static Point2D middle(CubicCurve c) {
        return new Point2D((c.getStartX() + 3 * c.getControlX1() + 3 * c.getControlX2() + c.getEndX()) / 8,
                (c.getStartY() + 3 * c.getControlY1() + 3 * c.getControlY2() + c.getEndY()) / 8);
    }
}
