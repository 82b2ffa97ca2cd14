package dev.virtwire.ui.canvas;

import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;

/** A line between two boxes: a smooth curve from the lower box's top to the upper box's bottom. */
final class EdgeView extends Group {
    private final DiagramEdge edge;
    private final CubicCurve curve = new CubicCurve();
    private final Label label;

    EdgeView(DiagramEdge edge) {
        this.edge = edge;
        getStyleClass().addAll("edge", "edge-" + edge.style().name().toLowerCase(java.util.Locale.ROOT));
        curve.getStyleClass().add("edge-line");
        curve.setFill(null);
        getChildren().add(curve);
        label = edge.label().map(Label::new).orElse(null);
        if (label != null) {
            label.getStyleClass().addAll("edge-label", "edge-label-" + edge.style().name().toLowerCase(java.util.Locale.ROOT));
            label.setManaged(false);
            label.setMouseTransparent(true);
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        setMouseTransparent(true);
    }

    /** The label, drawn by the canvas above the boxes so that no box hides it. */
    java.util.Optional<Label> label() {
        return java.util.Optional.ofNullable(label);
    }

    DiagramEdge edge() {
        return edge;
    }

    /** Redraws between two anchor points; a horizontal hop (same row) bends gently instead of vertically. */
    void route(double x1, double y1, double x2, double y2, boolean sideways) {
        curve.setStartX(x1);
        curve.setStartY(y1);
        curve.setEndX(x2);
        curve.setEndY(y2);
        if (sideways) {
            double bend = Math.min(40, Math.abs(x2 - x1) / 4);
            curve.setControlX1(x1 + (x2 - x1) / 3);
            curve.setControlY1(y1 - bend);
            curve.setControlX2(x2 - (x2 - x1) / 3);
            curve.setControlY2(y2 - bend);
        } else {
            double dy = (y1 - y2) / 2;
            curve.setControlX1(x1);
            curve.setControlY1(y1 - dy);
            curve.setControlX2(x2);
            curve.setControlY2(y2 + dy);
        }
        if (label != null) {
            // three quarters of the way up: in the free band under the upper row, not on the taps' row
            double t = sideways ? 0.5 : 0.75;
            double x = bezier(t, x1, curve.getControlX1(), curve.getControlX2(), x2);
            double y = bezier(t, y1, curve.getControlY1(), curve.getControlY2(), y2);
            label.applyCss();
            label.autosize();
            label.relocate(x - label.getWidth() / 2, y - label.getHeight() / 2);
        }
    }

    private static double bezier(double t, double p0, double p1, double p2, double p3) {
        double u = 1 - t;
        return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
    }
}
