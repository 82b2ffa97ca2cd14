package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many times the diagram's lines cross, drawn straight from the bottom of the upper box (or the NIC port
 * they leave from) to the top of the lower one: the figure a layout tries to keep low, since every crossing
 * is a place where a reader may follow the wrong line. Lines between boxes of one row and lines that share a
 * box do not count.
 */
public final class LineCrossings {
    private LineCrossings() {
    }

    public static int count(Diagram diagram, Map<BoxKey, Spot> spots) {
        List<Line> lines = new ArrayList<>();
        for (DiagramEdge e : diagram.edges()) {
            DiagramNode lower = diagram.ownerOf(e.from()).orElseThrow();
            DiagramNode upper = diagram.ownerOf(e.to()).orElseThrow();
            if (lower.layer() == upper.layer()) {
                continue;
            }
            if (lower.layer() < upper.layer()) {
                DiagramNode swap = lower;
                lower = upper;
                upper = swap;
            }
            Spot top = spots.get(upper.id());
            Spot bottom = spots.get(lower.id());
            double lowerX = bottom.x() + (e.from().equals(lower.id()) ? lower.width() / 2 : lower.portCenter(e.from()));
            lines.add(new Line(upper.id(), lower.id(), top.x() + upper.width() / 2, top.y() + upper.height(),
                    lowerX, bottom.y()));
        }
        int crossings = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                if (lines.get(i).crosses(lines.get(j))) {
                    crossings++;
                }
            }
        }
        return crossings;
    }

    private record Line(BoxKey a, BoxKey b, double x1, double y1, double x2, double y2) {
        boolean crosses(Line o) {
            if (a.equals(o.a) || a.equals(o.b) || b.equals(o.a) || b.equals(o.b)) {
                return false;
            }
            return side(x1, y1, x2, y2, o.x1, o.y1) * side(x1, y1, x2, y2, o.x2, o.y2) < 0
                    && side(o.x1, o.y1, o.x2, o.y2, x1, y1) * side(o.x1, o.y1, o.x2, o.y2, x2, y2) < 0;
        }

        private static double side(double ax, double ay, double bx, double by, double px, double py) {
            return Math.signum((bx - ax) * (py - ay) - (by - ay) * (px - ax));
        }
    }
}
