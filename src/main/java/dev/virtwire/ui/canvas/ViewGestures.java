package dev.virtwire.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * How the user moves the view: the wheel zooms under the mouse, dragging the background pans, and keys zoom
 * (+, -), fit (0) and pan (Shift+arrows) for those who keep their hands on the keyboard.
 */
final class ViewGestures {
    private static final double WHEEL_STEP = 1.15;
    private static final double KEY_PAN = 60;

    private final GraphCanvas canvas;
    private final Viewport viewport;
    private Point2D panStart;

    ViewGestures(GraphCanvas canvas, Viewport viewport) {
        this.canvas = canvas;
        this.viewport = viewport;
    }

    void install() {
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            viewport.zoomAt(e.getDeltaY() > 0 ? WHEEL_STEP : 1 / WHEEL_STEP, e.getX(), e.getY());
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panStart != null) {
                viewport.panBy(e.getX() - panStart.getX(), e.getY() - panStart.getY());
                panStart = new Point2D(e.getX(), e.getY());
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> panStart = null);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    /** The background was pressed: dragging from here pans. */
    void startPan(MouseEvent e) {
        panStart = new Point2D(e.getX(), e.getY());
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> canvas.zoomIn();
            case MINUS, SUBTRACT -> canvas.zoomOut();
            case DIGIT0, NUMPAD0 -> canvas.fit();
            case LEFT, RIGHT, UP, DOWN -> {
                if (!e.isShiftDown()) {
                    return;
                }
                KeyCode k = e.getCode();
                viewport.panBy(k == KeyCode.LEFT ? KEY_PAN : k == KeyCode.RIGHT ? -KEY_PAN : 0,
                        k == KeyCode.UP ? KEY_PAN : k == KeyCode.DOWN ? -KEY_PAN : 0);
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
