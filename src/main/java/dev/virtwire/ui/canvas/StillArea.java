package dev.virtwire.ui.canvas;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;

/**
 * The part of the world that the bitmap of the lines standing still covers: what is in view and a margin
 * around it, so that panning a little only moves the bitmap. A bigger margin means rarer redraws but each
 * one draws more lines, so it is half the view on each side, and at most {@link #MAX_MARGIN_PX} screen pixels.
 */
record StillArea(Bounds world) {
    static final double MAX_MARGIN_PX = 400;
    private static final double OVERSIZE = 1.5;
    static final StillArea NONE = new StillArea(new BoundingBox(0, 0, 0, 0));

    /** The area to cover for a view of {@code visible} (world coordinates) seen at {@code zoom}. */
    static StillArea around(Bounds visible, double zoom) {
        double mx = Math.min(visible.getWidth() / 2, MAX_MARGIN_PX / zoom);
        double my = Math.min(visible.getHeight() / 2, MAX_MARGIN_PX / zoom);
        return new StillArea(new BoundingBox(visible.getMinX() - mx, visible.getMinY() - my,
                visible.getWidth() + 2 * mx, visible.getHeight() + 2 * my));
    }

    /** True when every point in view is covered, so the bitmap can stay as it is. */
    boolean covers(Bounds visible) {
        return !world.isEmpty() && world.getMinX() <= visible.getMinX() && world.getMinY() <= visible.getMinY()
                && world.getMaxX() >= visible.getMaxX() && world.getMaxY() >= visible.getMaxY();
    }

    /**
     * This area while it covers the view and is not much bigger than a new one would be (after zooming in its
     * bitmap would grow past a few screens), else a new one around the view.
     */
    StillArea next(Bounds visible, double zoom) {
        StillArea fresh = around(visible, zoom);
        boolean oversized = world.getWidth() > OVERSIZE * fresh.world.getWidth()
                || world.getHeight() > OVERSIZE * fresh.world.getHeight();
        return covers(visible) && !oversized ? this : fresh;
    }
}
