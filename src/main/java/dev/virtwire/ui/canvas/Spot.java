package dev.virtwire.ui.canvas;

/** Where a box's top-left corner sits on the canvas, in canvas units. */
public record Spot(double x, double y) {
}
