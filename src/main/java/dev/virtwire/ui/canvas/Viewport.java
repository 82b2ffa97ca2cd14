package dev.virtwire.ui.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Pan and zoom of the world pane inside the visible canvas region. Zoomed far out, the world gets the
 * CSS class {@code far} and the theme hides small print (level of detail), which also keeps drawing fast.
 */
final class Viewport {
    static final double MIN = 0.08;
    static final double MAX = 2.5;
    private static final double FAR = 0.4;
    /** Below this, boxes show their names only (see NodeSkin.setBrief). */
    private static final double BRIEF = 0.22;

    private final Region view;
    private final Pane world;
    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    private Runnable onMove = () -> { };

    Viewport(Region view, Pane world) {
        this.view = view;
        this.world = world;
        world.getTransforms().setAll(pan, scale);
        zoom.addListener((o, was, now) -> {
            scale.setX(now.doubleValue());
            scale.setY(now.doubleValue());
            boolean isFar = now.doubleValue() < FAR;
            if (isFar != world.getStyleClass().contains("far")) {
                if (isFar) {
                    world.getStyleClass().add("far");
                } else {
                    world.getStyleClass().remove("far");
                }
            }
            onMove.run();
        });
    }

    /** Called whenever the part of the world in view changes (pan, zoom, fit); the view's size is not watched. */
    void setOnMove(Runnable onMove) {
        this.onMove = onMove;
    }

    /** The part of the world in view, in world coordinates. */
    Bounds visible() {
        Point2D topLeft = toWorld(0, 0);
        Point2D bottomRight = toWorld(view.getWidth(), view.getHeight());
        return new BoundingBox(topLeft.getX(), topLeft.getY(), Math.max(0, bottomRight.getX() - topLeft.getX()),
                Math.max(0, bottomRight.getY() - topLeft.getY()));
    }

    /** True when zoomed so far out (many guests) that boxes show their names only. */
    boolean brief() {
        return zoom.get() < BRIEF;
    }

    DoubleProperty zoom() {
        return zoom;
    }

    /** Canvas-region point -> world point. */
    Point2D toWorld(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.get(), (y - pan.getY()) / zoom.get());
    }

    void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
        onMove.run();
    }

    /** Zooms by a factor keeping the given canvas-region point still (under the mouse). */
    void zoomAt(double factor, double x, double y) {
        double next = Math.max(MIN, Math.min(MAX, zoom.get() * factor));
        double ratio = next / zoom.get();
        pan.setX(x - (x - pan.getX()) * ratio);
        pan.setY(y - (y - pan.getY()) * ratio);
        zoom.set(next);
        onMove.run();
    }

    void zoomCentred(double factor) {
        zoomAt(factor, view.getWidth() / 2, view.getHeight() / 2);
    }

    /** Shows the whole picture, never magnified beyond 100 %. */
    void fit(Bounds content) {
        double w = Math.max(1, view.getWidth());
        double h = Math.max(1, view.getHeight());
        if (content.isEmpty() || content.getWidth() <= 0) {
            return;
        }
        double s = Math.max(MIN, Math.min(1.0, Math.min(w / (content.getWidth() + 40), h / (content.getHeight() + 40))));
        zoom.set(s);
        pan.setX((w - content.getWidth() * s) / 2 - content.getMinX() * s);
        pan.setY((h - content.getHeight() * s) / 2 - content.getMinY() * s);
        onMove.run();
    }

    /** Brings a world rectangle to the middle of the view, zooming in if it would be unreadably small. */
    void centreOn(Bounds box) {
        if (zoom.get() < 0.7) {
            zoom.set(1.0);
        }
        pan.setX(view.getWidth() / 2 - box.getCenterX() * zoom.get());
        pan.setY(view.getHeight() / 2 - box.getCenterY() * zoom.get());
        onMove.run();
    }
}
