package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.shape.Rectangle;

/**
 * The canvas's lines. On a big host hundreds of long curves cross the view (500 shut-off guests' dashed
 * lines fanning into their network and bridge), and drawing them costs the software pipeline most of a
 * frame. So the lines that stand still are drawn once into a bitmap (JavaFX's node cache) that covers the
 * view and a margin ({@link StillArea}): panning moves the bitmap, and while a box is dragged only its own
 * lines, lifted out of the bitmap, are drawn anew each frame.
 */
final class EdgeLayer extends Group {
    private final Group still = new Group();
    private final Group moving = new Group();
    private final Rectangle stillClip = new Rectangle();
    /** a lifted line -> the group it goes back to */
    private final Map<EdgeView, Group> lifted = new LinkedHashMap<>();
    private StillArea area = StillArea.NONE;
    private Bounds visible = StillArea.NONE.world();
    private double zoom = 1;

    EdgeLayer() {
        still.setCache(true);
        still.setClip(stillClip);
        setMouseTransparent(true);
        getChildren().addAll(still, moving);
    }

    void show(List<EdgeView> lines) {
        lifted.clear();
        moving.getChildren().clear();
        still.getChildren().setAll(GraphCanvas.chunks(lines));
    }

    /** Follows the view (world coordinates): the bitmap is redrawn only when the view leaves what it covers. */
    void view(Bounds visible, double zoom) {
        this.visible = visible;
        this.zoom = zoom;
        StillArea next = area.next(visible, zoom);
        if (next != area) {
            area = next;
            stillClip.setX(next.world().getMinX());
            stillClip.setY(next.world().getMinY());
            stillClip.setWidth(next.world().getWidth());
            stillClip.setHeight(next.world().getHeight());
        }
    }

    /** Runs {@code work} with every line drawn, not only those near the view (a picture of the whole world). */
    <T> T uncovered(java.util.function.Supplier<T> work) {
        still.setClip(null);
        try {
            return work.get();
        } finally {
            still.setClip(stillClip);
        }
    }

    /**
     * While the zoom changes the bitmap is scaled rather than redrawn. Once it stops it is drawn sharp again,
     * and then around the view as it is now: after zooming in, the old area can be half as big again as needed.
     */
    void setZooming(boolean zooming) {
        still.setCacheHint(zooming ? CacheHint.SCALE : CacheHint.DEFAULT);
        if (!zooming) {
            area = StillArea.NONE;
            view(visible, zoom);
        }
    }

    /** Takes the lines of a box that starts moving out of the bitmap (once per drag). */
    void lift(List<EdgeView> lines) {
        List<EdgeView> fresh = new ArrayList<>();
        for (EdgeView line : lines) {
            if (!lifted.containsKey(line) && line.getParent() instanceof Group chunk) {
                lifted.put(line, chunk);
                chunk.getChildren().remove(line);
                fresh.add(line);
            }
        }
        moving.getChildren().addAll(fresh);
    }

    /** Puts lifted lines back into the bitmap once their box stands still. */
    void settle() {
        if (lifted.isEmpty()) {
            return;
        }
        moving.getChildren().clear();
        lifted.forEach((line, chunk) -> chunk.getChildren().add(line));
        lifted.clear();
    }
}
