package dev.virtwire.ui.canvas;

import dev.virtwire.model.Id;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

/**
 * Mouse and keyboard gestures on boxes: click selects, dragging a box moves it, dragging a guest card or
 * a NIC port over bridges and networks lights up where it may go (and says why not elsewhere); dropping it
 * there hands the decision to the {@link DropHandler}.
 */
final class BoxDrag {
    private static final double THRESHOLD = 4;

    private final GraphCanvas canvas;
    private final Line rubberBand = new Line();
    private final Label hint = new Label();
    private final Map<BoxKey, Optional<String>> refusals = new HashMap<>();
    private DropHandler handler = DropHandler.NONE;
    /** What the last press picked up (the outside box until then, which carries no NIC). */
    private BoxKey dragged = BoxKey.of(new Id.Outside());
    private Point2D start;
    private Point2D origin;
    private boolean moving;

    BoxDrag(GraphCanvas canvas) {
        this.canvas = canvas;
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setMouseTransparent(true);
        hint.getStyleClass().add("drop-hint");
        hint.setMouseTransparent(true);
        hint.setManaged(false);
    }

    void setHandler(DropHandler handler) {
        this.handler = handler;
    }

    void install(NodeSkin skin) {
        skin.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> press(skin, e));
        skin.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> drag(skin, e));
        skin.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> release(skin, e));
        skin.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                canvas.open(skin.node().id());
            }
        });
        // the mouse opens menus on a secondary press (not every platform marks it as a popup trigger);
        // the keyboard's menu key arrives as a context menu request
        skin.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                canvas.showMenu(selectedIn(skin), skin, Double.NaN, Double.NaN);
            }
            e.consume();
        });
        skin.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                canvas.open(skin.node().id());
                e.consume();
            } else if (e.getCode() == KeyCode.CONTEXT_MENU || (e.getCode() == KeyCode.F10 && e.isShiftDown())) {
                canvas.showMenu(selectedIn(skin), skin, Double.NaN, Double.NaN);
                e.consume();
            }
        });
    }

    private BoxKey selectedIn(NodeSkin skin) {
        return canvas.selected().filter(id -> canvas.diagram().ownerOf(id)
                .filter(n -> n.id().equals(skin.node().id())).isPresent()).orElse(skin.node().id());
    }

    /** The NIC port under the pointer, or else the box itself. */
    private static BoxKey elementAt(NodeSkin skin, Node picked) {
        for (Node n = picked; n != null && n != skin; n = n.getParent()) {
            if (n.getStyleClass().contains("nic-port")) {
                String portId = n.getId();
                return skin.node().nics().stream().map(DiagramNode.NicPort::key)
                        .filter(p -> NodeSkin.cssId(p).equals(portId)).findFirst().orElse(skin.node().id());
            }
        }
        return skin.node().id();
    }

    private void press(NodeSkin skin, MouseEvent e) {
        e.consume();
        if (e.getButton() == MouseButton.SECONDARY) {
            BoxKey id = elementAt(skin, e.getPickResult().getIntersectedNode());
            canvas.select(id);
            skin.requestFocus();
            canvas.showMenu(id, skin, e.getScreenX(), e.getScreenY());
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        dragged = elementAt(skin, e.getPickResult().getIntersectedNode());
        canvas.select(dragged);
        skin.requestFocus();
        start = canvas.viewport().toWorld(local(e).getX(), local(e).getY());
        origin = new Point2D(skin.getLayoutX(), skin.getLayoutY());
        moving = false;
    }

    private void drag(NodeSkin skin, MouseEvent e) {
        e.consume();
        if (start == null) {
            return;
        }
        Point2D now = canvas.viewport().toWorld(local(e).getX(), local(e).getY());
        if (!moving && now.distance(start) < THRESHOLD) {
            return;
        }
        if (!moving) {
            moving = true;
            if (carriesNic()) {
                lightTargets();
            }
        }
        if (isNic(dragged)) {
            showRubberBand(skin, now);
        } else {
            skin.relocate(origin.getX() + now.getX() - start.getX(), origin.getY() + now.getY() - start.getY());
            canvas.moved(skin);
        }
        if (carriesNic()) {
            hover(now);
        }
    }

    private void release(NodeSkin skin, MouseEvent e) {
        e.consume();
        if (start == null) {
            return;
        }
        Point2D now = canvas.viewport().toWorld(local(e).getX(), local(e).getY());
        Optional<DiagramNode> target = moving && carriesNic() ? targetAt(now) : Optional.empty();
        clearTargets();
        start = null;
        if (target.isPresent()) {
            if (!isNic(dragged)) {
                skin.relocate(origin.getX(), origin.getY());
                canvas.moved(skin);
            }
            Optional<String> why = refusals.getOrDefault(target.get().id(), handler.refusal(dragged, target.get()));
            if (why.isPresent()) {
                handler.refused(dragged, target.get(), why.get());
            } else {
                handler.drop(dragged, target.get());
            }
        } else if (moving && !isNic(dragged)) {
            canvas.movedDone(skin);
        }
        canvas.stoppedMoving();
        moving = false;
    }

    private Point2D local(MouseEvent e) {
        return canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
    }

    /** A guest card or a NIC port: what can be dropped on bridges and networks. */
    private boolean carriesNic() {
        return isNic(dragged) || dragged instanceof BoxKey.Element e && e.id() instanceof Id.Guest;
    }

    private static boolean isNic(BoxKey key) {
        return key instanceof BoxKey.Element e && e.id() instanceof Id.Nic;
    }

    private void lightTargets() {
        refusals.clear();
        canvas.skins().values().stream().filter(s -> handler.isTarget(s.node())).forEach(s -> {
            Optional<String> why = handler.refusal(dragged, s.node());
            refusals.put(s.node().id(), why);
            s.getStyleClass().add(why.isEmpty() ? "drop-ok" : "drop-refused");
        });
        canvas.world().getChildren().addAll(rubberBand, hint);
        rubberBand.setVisible(isNic(dragged));
        hint.setVisible(false);
    }

    private void clearTargets() {
        canvas.skins().values().forEach(s -> s.getStyleClass().removeAll("drop-ok", "drop-refused", "drop-hover"));
        canvas.world().getChildren().removeAll(rubberBand, hint);
    }

    private void showRubberBand(NodeSkin skin, Point2D to) {
        rubberBand.setStartX(skin.getLayoutX() + skin.node().portCenter(dragged));
        rubberBand.setStartY(skin.getLayoutY());
        rubberBand.setEndX(to.getX());
        rubberBand.setEndY(to.getY());
    }

    private void hover(Point2D at) {
        canvas.skins().values().forEach(s -> s.getStyleClass().remove("drop-hover"));
        Optional<DiagramNode> target = targetAt(at);
        hint.setVisible(target.isPresent());
        target.ifPresent(t -> {
            canvas.skins().get(t.id()).getStyleClass().add("drop-hover");
            Optional<String> why = refusals.getOrDefault(t.id(), Optional.empty());
            hint.setText(why.orElse("→ " + t.title()));
            hint.getStyleClass().removeAll("refused");
            why.ifPresent(w -> hint.getStyleClass().add("refused"));
            hint.autosize();
            hint.relocate(at.getX() + 14, at.getY() + 10);
        });
    }

    private Optional<DiagramNode> targetAt(Point2D at) {
        return canvas.skins().values().stream()
                .filter(s -> refusals.containsKey(s.node().id()))
                .filter(s -> at.getX() >= s.getLayoutX() && at.getX() <= s.getLayoutX() + s.node().width()
                        && at.getY() >= s.getLayoutY() && at.getY() <= s.getLayoutY() + s.node().height())
                .map(NodeSkin::node).findFirst();
    }
}
