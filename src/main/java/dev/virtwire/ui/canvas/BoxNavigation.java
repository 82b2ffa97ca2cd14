package dev.virtwire.ui.canvas;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The arrow keys on a box move to the nearest box that way (the focus selects it): the picture read from the
 * keyboard as it is read by eye. A box straight that way wins over a nearer one off to the side. Shift+arrows
 * still pan the view.
 */
final class BoxNavigation {
    /** How much a step sideways counts against a box, compared with a step the way asked. */
    private static final double SIDEWAYS = 3;
    private final Supplier<Collection<NodeSkin>> boxes;
    private final Consumer<NodeSkin> moveTo;

    /** @param moveTo focuses the box it is given (and brings it into view) */
    BoxNavigation(Supplier<Collection<NodeSkin>> boxes, Consumer<NodeSkin> moveTo) {
        this.boxes = boxes;
        this.moveTo = moveTo;
    }

    void install(NodeSkin skin) {
        skin.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShiftDown() || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            Optional<NodeSkin> next = switch (e.getCode()) {
                case LEFT, RIGHT, UP, DOWN -> nearest(skin, e.getCode());
                default -> null;
            };
            if (next != null) {
                next.ifPresent(moveTo);
                e.consume(); // at the edge of the picture the focus stays put rather than leave the canvas
            }
        });
    }

    private Optional<NodeSkin> nearest(NodeSkin from, KeyCode way) {
        double x = centreX(from);
        double y = centreY(from);
        return boxes.get().stream().filter(other -> other != from).filter(other -> switch (way) {
            case LEFT -> centreX(other) < x - 1 && Math.abs(centreY(other) - y) < 1;
            case RIGHT -> centreX(other) > x + 1 && Math.abs(centreY(other) - y) < 1;
            case UP -> other.getLayoutY() + other.getHeight() <= from.getLayoutY();
            default -> other.getLayoutY() >= from.getLayoutY() + from.getHeight();
        }).min(Comparator.comparingDouble(other -> distance(other, x, y, way)));
    }

    private static double distance(NodeSkin other, double x, double y, KeyCode way) {
        double dx = Math.abs(centreX(other) - x);
        double dy = Math.abs(centreY(other) - y);
        return way == KeyCode.LEFT || way == KeyCode.RIGHT ? dx + SIDEWAYS * dy : dy + SIDEWAYS * dx;
    }

    private static double centreX(NodeSkin skin) {
        return skin.getLayoutX() + skin.getWidth() / 2;
    }

    private static double centreY(NodeSkin skin) {
        return skin.getLayoutY() + skin.getHeight() / 2;
    }
}
