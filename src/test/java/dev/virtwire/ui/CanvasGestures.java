package dev.virtwire.ui;

import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;

/** Mouse gestures fired on the canvas's own nodes, one step per pulse, timed by pulse timestamps. */
final class CanvasGestures {
    private final GraphCanvas canvas;
    private final FramePulses pulses;
    private final int steps;
    private Runnable startView;
    private double startZoom;

    CanvasGestures(GraphCanvas canvas, FramePulses pulses, int steps) {
        this.canvas = canvas;
        this.pulses = pulses;
        this.steps = steps;
        this.startView = canvas::fit;
    }

    /** Gestures from now on start from the whole picture ("fit to window", as the window shows it first). */
    void fromFit() {
        startView = canvas::fit;
    }

    /** Gestures from now on start at 100 % on the guest box nearest the middle of the whole picture. */
    void fromFullSize() throws Exception {
        dev.virtwire.ui.canvas.BoxKey middle = GuiBench.onFx(() -> {
            canvas.fit();
            return middleGuest().node().id();
        });
        startView = () -> {
            canvas.reveal(middle);
            canvas.clearSelection();
        };
    }

    /** The zoom the last gesture started from. */
    double startZoom() {
        return startZoom;
    }

    /** Drags the guest box nearest the middle of the view out and back, as BoxDrag sees a real drag. */
    double dragGuest() throws Exception {
        return gesture(this::middleGuest, 4, 2, null);
    }

    private NodeSkin middleGuest() {
        Point2D middle = canvas.localToScene(canvas.getWidth() / 2, canvas.getHeight() / 2);
        return canvas.diagram().nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.GUEST)
                .map(n -> canvas.skin(n.id()).orElseThrow())
                .min(Comparator.comparingDouble(s -> centre(s).distance(middle))).orElseThrow();
    }

    /** Pans the view by dragging its background out and back. */
    double pan() throws Exception {
        return gesture(() -> canvas, 3, 2, null);
    }

    /** Zooms in and out around the middle of the view (the toolbar's and keyboard's zoom). */
    double zoom() throws Exception {
        int[] i = {0};
        return gesture(null, 0, 0, () -> {
            if ((i[0]++ / 15) % 2 == 0) {
                canvas.zoomIn();
            } else {
                canvas.zoomOut();
            }
        });
    }

    /**
     * One gesture of {@code steps} pulses (fewer if they take too long) on the node that {@code target} picks
     * once the view is set (its centre; the canvas's top left corner), or else {@code other} at every pulse;
     * returns the frames per second.
     */
    private double gesture(Supplier<Node> target, double dx, double dy, Runnable other) throws Exception {
        List<Long> times = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        // every gesture starts from the same view, with the same zoom, after the canvas has settled on it
        // (boxes are redrawn sharp a moment after a zoom change)
        startZoom = GuiBench.onFx(() -> {
            startView.run();
            return canvas.zoomProperty().get();
        });
        long settle = System.nanoTime() + GuiBench.SETTLE_NS;
        pulses.frameAfter(() -> System.nanoTime() > settle);
        GuiBench.onFx(() -> {
            Node on = target == null ? null : target.get();
            Point2D from = on == null ? null : on == canvas ? canvas.localToScene(20, 20) : centre(on);
            if (on != null) {
                fire(on, MouseEvent.MOUSE_PRESSED, from.getX(), from.getY(), 1);
            }
            int[] n = {0};
            pulses.every(() -> {
                times.add(System.nanoTime());
                int k = ++n[0];
                if (k > steps || times.get(times.size() - 1) - times.get(0) > GuiBench.GESTURE_LIMIT_NS) {
                    if (on != null) {
                        fire(on, MouseEvent.MOUSE_RELEASED, from.getX(), from.getY(), 1);
                    }
                    pulses.every(null);
                    done.complete(null);
                    return;
                }
                if (on != null) {
                    int out = k <= steps / 2 ? k : steps - k;
                    fire(on, MouseEvent.MOUSE_DRAGGED, from.getX() + out * dx, from.getY() + out * dy, 1);
                } else {
                    other.run();
                }
            });
            return null;
        });
        done.get(GuiBench.TIMEOUT_S, TimeUnit.SECONDS);
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        return (times.size() - 1) / seconds;
    }

    static void doubleClick(Node on) {
        Point2D c = centre(on);
        fire(on, MouseEvent.MOUSE_CLICKED, c.getX(), c.getY(), 2);
    }

    private static Point2D centre(Node node) {
        return node.localToScene(node.getLayoutBounds().getCenterX(), node.getLayoutBounds().getCenterY());
    }

    private static void fire(EventTarget on, EventType<MouseEvent> type, double sceneX, double sceneY, int clicks) {
        boolean down = type != MouseEvent.MOUSE_RELEASED && type != MouseEvent.MOUSE_CLICKED;
        Event.fireEvent(on, new MouseEvent(on, on, type, sceneX, sceneY, sceneX, sceneY, MouseButton.PRIMARY,
                clicks, false, false, false, false, down, false, false, false, false, false,
                new PickResult(on, sceneX, sceneY)));
    }
}
