package dev.virtwire.ui.canvas;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;

/**
 * Which boxes show their full content: those in view and a margin around it, unless zoomed far out; the
 * others show only their names. Opening a group of 500 guests then styles the few dozen cards one can see,
 * not 500 (styling is what a new picture spends most of its time on), and panning fills in cards as they
 * come near.
 */
final class LevelOfDetail {
    private LevelOfDetail() {
    }

    /** @param view the part of the world in view; @param far zoomed so far out that names are all one reads */
    static void apply(Iterable<NodeSkin> boxes, Bounds view, boolean far) {
        double mx = view.getWidth() / 2;
        double my = view.getHeight() / 2;
        Bounds near = new BoundingBox(view.getMinX() - mx, view.getMinY() - my, view.getWidth() + 2 * mx,
                view.getHeight() + 2 * my);
        for (NodeSkin box : boxes) {
            box.setBrief(far || !near.intersects(box.getLayoutX(), box.getLayoutY(), box.node().width(),
                    box.node().height()));
        }
    }
}
