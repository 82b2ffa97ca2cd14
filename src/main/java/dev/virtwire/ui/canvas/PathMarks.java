package dev.virtwire.ui.canvas;

import java.util.List;

/** A path drawn on a host's graph: every hop green or red; a box that holds a bad hop (a guest card with a bad NIC) is red. */
public final class PathMarks {
    private PathMarks() {
    }

    public static void show(GraphCanvas canvas, List<BoxKey> ok, List<BoxKey> bad) {
        List<BoxKey> badBoxes = bad.stream().flatMap(id -> canvas.diagram().boxOf(id).stream())
                .map(DiagramNode::id).toList();
        canvas.mark("path-ok", ok.stream()
                .filter(id -> canvas.diagram().boxOf(id).filter(n -> badBoxes.contains(n.id())).isEmpty()).toList());
        canvas.mark("path-bad", bad);
    }

    public static void clear(GraphCanvas canvas) {
        show(canvas, List.of(), List.of());
    }
}
