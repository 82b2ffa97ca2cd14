package dev.virtwire.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.junit.jupiter.api.Test;

class StillAreaTest {
    private static final Bounds VIEW = new BoundingBox(1000, 500, 600, 400);

    @Test
    void coversTheViewAndHalfAViewAroundIt() {
        StillArea area = StillArea.around(VIEW, 1.0);
        assertEquals(new BoundingBox(700, 300, 1200, 800), area.world());
        assertTrue(area.covers(VIEW));
    }

    @Test
    void theMarginIsAtMostAFewHundredScreenPixelsOnABigView() {
        Bounds big = new BoundingBox(0, 0, 3000, 2000);
        StillArea area = StillArea.around(big, 1.0);
        assertEquals(-StillArea.MAX_MARGIN_PX, area.world().getMinX());
        assertEquals(3000 + 2 * StillArea.MAX_MARGIN_PX, area.world().getWidth());
        // zoomed out, the same screen pixels are more of the world
        assertEquals(-2 * StillArea.MAX_MARGIN_PX, StillArea.around(big, 0.5).world().getMinX());
    }

    @Test
    void panningWithinTheMarginKeepsTheArea() {
        StillArea area = StillArea.around(VIEW, 1.0);
        assertSame(area, area.next(shifted(VIEW, 300, -150), 1.0));
        assertSame(area, area.next(shifted(VIEW, -300, 200), 1.0));
    }

    @Test
    void panningPastTheMarginMovesTheAreaToTheView() {
        StillArea area = StillArea.around(VIEW, 1.0);
        Bounds moved = shifted(VIEW, 301, 0);
        assertFalse(area.covers(moved));
        StillArea next = area.next(moved, 1.0);
        assertNotSame(area, next);
        assertEquals(StillArea.around(moved, 1.0), next);
    }

    @Test
    void zoomingOutPastTheMarginMovesTheArea() {
        StillArea area = StillArea.around(VIEW, 1.0);
        Bounds out = new BoundingBox(1000 - 300, 500 - 200, 1200, 800); // twice the view, around its centre
        assertSame(area, area.next(out, 0.5));
        Bounds further = new BoundingBox(1000 - 600, 500 - 400, 1800, 1200);
        assertEquals(StillArea.around(further, 1 / 3.0), area.next(further, 1 / 3.0));
    }

    @Test
    void zoomingFarInShrinksTheArea() {
        // after "fit" the area is most of the world; at 100 % on one box a bitmap of it would be huge
        StillArea fit = StillArea.around(new BoundingBox(0, 0, 15000, 6000), 0.08);
        Bounds close = new BoundingBox(7000, 3000, 900, 400);
        assertTrue(fit.covers(close));
        assertEquals(StillArea.around(close, 1.0), fit.next(close, 1.0));
    }

    @Test
    void nothingCoveredAtFirst() {
        assertFalse(StillArea.NONE.covers(VIEW));
        assertEquals(StillArea.around(VIEW, 1.0), StillArea.NONE.next(VIEW, 1.0));
    }

    private static Bounds shifted(Bounds b, double dx, double dy) {
        return new BoundingBox(b.getMinX() + dx, b.getMinY() + dy, b.getWidth(), b.getHeight());
    }
}
