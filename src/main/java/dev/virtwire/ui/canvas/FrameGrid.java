package dev.virtwire.ui.canvas;

import java.util.List;
import javafx.geometry.Dimension2D;

/**
 * How many columns the frames with a graph stand in: the count at which the smallest of their pictures, each
 * fitted to its cell, is drawn largest. Two wide pictures in a wide window stand side by side or one above the
 * other, whichever reads better; four stand two by two rather than in four narrow columns.
 */
final class FrameGrid {
    /** What a cell loses to its frame's title line and the fit's margin. */
    private static final double TITLE = 34;
    private static final double MARGIN = 40;

    private FrameGrid() {
    }

    /** @param pictures each graph's size in world units, in the frames' order */
    static int columns(List<Dimension2D> pictures, double width, double height, double gap) {
        int best = 1;
        double bestZoom = -1;
        for (int columns = 1; columns <= pictures.size(); columns++) {
            int rows = (pictures.size() + columns - 1) / columns;
            double cellWidth = (width - gap * (columns - 1)) / columns;
            double cellHeight = (height - gap * (rows - 1)) / rows - TITLE;
            double zoom = pictures.stream().mapToDouble(p -> Math.min(cellWidth / (p.getWidth() + MARGIN),
                    cellHeight / (p.getHeight() + MARGIN))).min().orElse(0);
            if (zoom > bestZoom + 1e-9) {
                best = columns;
                bestZoom = zoom;
            }
        }
        return best;
    }
}
