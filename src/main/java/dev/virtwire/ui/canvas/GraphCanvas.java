package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Side;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The host graph: boxes in layers, lines between them, pan/zoom/fit, selection, moving boxes and
 * dragging guests or NICs onto bridges and networks. It draws a {@link Diagram}; it never reads a host.
 */
public final class GraphCanvas extends Region {
    private static final int CHUNK = 40;
    private final Pane world = new Pane();
    private final EdgeLayer edgeLayer = new EdgeLayer();
    private final Group boxLayer = new Group();
    private final Group labelLayer = new Group();
    private final Badges badges = new Badges(this::skin);
    private final Viewport viewport = new Viewport(this, world);
    private final ReadOnlyObjectWrapper<Optional<BoxKey>> selected =
            new ReadOnlyObjectWrapper<>(this, "selected", Optional.empty());
    private final Map<BoxKey, NodeSkin> skins = new LinkedHashMap<>();
    private final Map<BoxKey, List<EdgeView>> edgesOf = new HashMap<>();
    /** box or NIC port -> the box that draws it (looked up on every frame of a drag) */
    private final Map<BoxKey, NodeSkin> owners = new HashMap<>();
    private final BoxDrag drag = new BoxDrag(this);
    private final BoxNavigation arrows = new BoxNavigation(() -> skins.values(), this::moveFocusTo);
    private Diagram diagram = new Diagram(List.of(), List.of());
    /** The menu of a box or NIC port; of the background when empty. */
    private Function<Optional<BoxKey>, Optional<ContextMenu>> menus = key -> Optional.empty();
    private Consumer<BoxKey> onOpen = key -> { };
    private BiConsumer<BoxKey, Spot> onMoved = (key, spot) -> { };
    private final ViewGestures gestures = new ViewGestures(this, viewport);
    private boolean fitPending;
    /**
     * While the zoom changes, boxes show their cached bitmaps scaled instead of drawing themselves anew at
     * every step (at 500 guests that is seconds a step in the software pipeline); once the zoom has been still
     * for a moment they are drawn sharp at the new scale.
     */
    private final PauseTransition zoomSettled = new PauseTransition(Duration.millis(250));

    public GraphCanvas() {
        getStyleClass().add("graph-canvas");
        setFocusTraversable(true);
        world.getStyleClass().add("world");
        world.setManaged(false);
        labelLayer.setMouseTransparent(true);
        world.getChildren().addAll(edgeLayer, boxLayer, labelLayer, badges.layer());
        getChildren().add(world);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        zoomSettled.setOnFinished(e -> {
            skins.values().forEach(skin -> skin.setCacheHint(CacheHint.QUALITY));
            edgeLayer.setZooming(false);
        });
        viewport.zoom().addListener((o, was, now) -> {
            if (zoomSettled.getStatus() != Animation.Status.RUNNING) {
                skins.values().forEach(skin -> skin.setCacheHint(CacheHint.SCALE));
                edgeLayer.setZooming(true);
            }
            zoomSettled.playFromStart();
        });
        viewport.setOnMove(this::followView);
        widthProperty().addListener((o, was, now) -> followView());
        heightProperty().addListener((o, was, now) -> followView());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressBackground);
        gestures.install();
        // the background's own menu (create a bridge, a network...); boxes consume their own requests
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                menus.apply(Optional.empty()).ifPresent(menu -> menu.show(this, Side.TOP, 40, 40));
            }
            e.consume();
        });
    }

    /** Draws a diagram at the given positions; selection is kept when its element still exists. */
    public void show(Diagram next, Map<BoxKey, Spot> spots) {
        this.diagram = next;
        // a keyboard user keeps their place when the host changes under them
        Optional<BoxKey> focused = skins.values().stream().filter(javafx.scene.Node::isFocused)
                .map(sk -> sk.node().id()).findFirst();
        skins.clear();
        edgesOf.clear();
        owners.clear();
        List<NodeSkin> boxes = new ArrayList<>();
        for (DiagramNode node : next.nodes()) {
            NodeSkin skin = new NodeSkin(node);
            Spot spot = spots.getOrDefault(node.id(), new Spot(0, 0));
            skin.relocate(spot.x(), spot.y());
            drag.install(skin);
            arrows.install(skin);
            skin.focusedProperty().addListener((o, was, now) -> {
                // focus selects the box, unless the selection already lies inside it (one of its NICs)
                if (now && selected().map(owners::get).filter(s -> s == skin).isEmpty()) {
                    select(node.id());
                }
            });
            skins.put(node.id(), skin);
            owners.put(node.id(), skin);
            node.nics().forEach(nic -> owners.put(nic.key(), skin));
            boxes.add(skin);
        }
        List<EdgeView> lines = new ArrayList<>();
        for (DiagramEdge edge : next.edges()) {
            EdgeView line = new EdgeView(edge);
            lines.add(line);
            for (BoxKey end : List.of(edge.from(), edge.to())) {
                NodeSkin owner = owners.get(end);
                if (owner != null) {
                    edgesOf.computeIfAbsent(owner.node().id(), k -> new ArrayList<>()).add(line);
                }
            }
        }
        boxLayer.getChildren().setAll(chunks(boxes));
        edgeLayer.show(lines);
        labelLayer.getChildren().setAll(lines.stream().flatMap(l -> l.label().stream()).toList());
        badges.clear();
        detailNearView();
        world.applyCss();
        world.layout();
        lines.forEach(this::route);
        followView();
        Optional<BoxKey> keep = selected.get();
        selected.set(Optional.empty());
        keep.filter(k -> next.ownerOf(k).isPresent()).ifPresent(this::select);
        focused.map(skins::get).ifPresent(NodeSkin::requestFocus);
    }

    /**
     * Small groups of nodes instead of one flat group: moving a box makes JavaFX recompute the bounds of its
     * parent by walking every child, which at 500 guests is most of a frame; in chunks it walks a few dozen.
     */
    static List<Group> chunks(List<? extends javafx.scene.Node> nodes) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i += CHUNK) {
            groups.add(new Group(nodes.subList(i, Math.min(nodes.size(), i + CHUNK)).toArray(javafx.scene.Node[]::new)));
        }
        return groups;
    }

    public Diagram diagram() {
        return diagram;
    }

    public Optional<NodeSkin> skin(BoxKey box) {
        return Optional.ofNullable(skins.get(box));
    }

    /** The selected box or NIC port; empty when nothing is. */
    public ReadOnlyObjectProperty<Optional<BoxKey>> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public Optional<BoxKey> selected() {
        return selected.get();
    }

    public void select(BoxKey id) {
        unmarkSelection();
        diagram.ownerOf(id).map(n -> skins.get(n.id())).ifPresent(skin -> {
            skin.getStyleClass().add("selected");
            skin.port(id).ifPresent(p -> p.getStyleClass().add("selected"));
        });
        selected.set(Optional.of(id).filter(k -> diagram.ownerOf(k).isPresent()));
    }

    public void clearSelection() {
        unmarkSelection();
        selected.set(Optional.empty());
    }

    private void unmarkSelection() {
        skins.values().forEach(s -> s.getStyleClass().remove("selected"));
        world.lookupAll(".nic-port.selected").forEach(p -> p.getStyleClass().remove("selected"));
    }

    /** Selects an element, focuses its box and brings it to the middle of the view. */
    public void reveal(BoxKey id) {
        select(id);
        diagram.ownerOf(id).map(n -> skins.get(n.id())).ifPresent(skin -> {
            viewport.centreOn(skin.getBoundsInParent());
            skin.requestFocus();
        });
    }

    /** Focuses a box (which selects it), bringing it to the middle of the view when it is out of view. */
    private void moveFocusTo(NodeSkin skin) {
        javafx.geometry.Bounds shown = skin.localToScene(skin.getLayoutBounds());
        if (!localToScene(getLayoutBounds()).contains(shown)) {
            viewport.centreOn(skin.getBoundsInParent());
        }
        skin.requestFocus();
    }

    /** Shows the whole picture; before the canvas has a size, as soon as it gets one. */
    public void fit() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            return;
        }
        fitPending = false;
        viewport.fit(contentBounds());
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            fit();
        }
    }

    public void zoomIn() {
        viewport.zoomCentred(1.25);
    }

    public void zoomOut() {
        viewport.zoomCentred(1 / 1.25);
    }

    public DoubleProperty zoomProperty() {
        return viewport.zoom();
    }

    public void setMenus(Function<Optional<BoxKey>, Optional<ContextMenu>> menus) {
        this.menus = menus;
    }

    /** Double-click or Enter on a box (opens a group, for instance). */
    public void setOnOpen(Consumer<BoxKey> onOpen) {
        this.onOpen = onOpen;
    }

    /** A box the user moved to a new place. */
    public void setOnMoved(BiConsumer<BoxKey, Spot> onMoved) {
        this.onMoved = onMoved;
    }

    public void setDropHandler(DropHandler handler) {
        drag.setHandler(handler);
    }

    /**
     * Marks with a CSS class the boxes that show these elements (a network box for its bridge, a guest card for
     * its NICs) or that are these groups, e.g. a diagnosed path; none clears it.
     */
    /** The clickable marks on guests in trouble. */
    public Badges badges() {
        return badges;
    }

    public void mark(String styleClass, List<? extends BoxKey> keys) {
        skins.values().forEach(s -> s.getStyleClass().remove(styleClass));
        keys.forEach(key -> diagram.boxOf(key).map(n -> skins.get(n.id()))
                .ifPresent(s -> s.getStyleClass().add(styleClass)));
    }

    /** Where every box is now (after the user moved some). */
    public Map<BoxKey, Spot> spots() {
        Map<BoxKey, Spot> spots = new LinkedHashMap<>();
        skins.forEach((id, s) -> spots.put(id, new Spot(s.getLayoutX(), s.getLayoutY())));
        return spots;
    }

    public Pane world() {
        return world;
    }

    /** A picture of the whole world at the current zoom, every line and box in full (the PNG export). */
    public WritableImage picture(SnapshotParameters params) {
        skins.values().forEach(s -> s.setBrief(viewport.brief()));
        world.applyCss();
        world.layout();
        try {
            return edgeLayer.uncovered(() -> world.snapshot(params, null));
        } finally {
            detailNearView();
        }
    }

    Bounds contentBounds() {
        if (skins.isEmpty()) {
            return new BoundingBox(0, 0, 0, 0);
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeSkin s : skins.values()) {
            minX = Math.min(minX, s.getLayoutX());
            minY = Math.min(minY, s.getLayoutY());
            maxX = Math.max(maxX, s.getLayoutX() + s.node().width());
            maxY = Math.max(maxY, s.getLayoutY() + s.node().height());
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    Viewport viewport() {
        return viewport;
    }

    Map<BoxKey, NodeSkin> skins() {
        return skins;
    }

    /** A box being dragged: its lines follow it, drawn apart from the lines standing still. */
    void moved(NodeSkin skin) {
        List<EdgeView> lines = edgesOf.getOrDefault(skin.node().id(), List.of());
        edgeLayer.lift(lines);
        lines.forEach(this::route);
    }

    /** The end of a drag: every line stands still again. */
    void stoppedMoving() {
        edgeLayer.settle();
    }

    void movedDone(NodeSkin skin) {
        onMoved.accept(skin.node().id(), new Spot(skin.getLayoutX(), skin.getLayoutY()));
    }

    void open(BoxKey id) {
        onOpen.accept(id);
    }

    void showMenu(BoxKey id, NodeSkin skin, double screenX, double screenY) {
        menus.apply(Optional.of(id)).ifPresent(menu -> {
            if (Double.isNaN(screenX)) {
                menu.show(skin, Side.BOTTOM, 0, 0);
            } else {
                menu.show(skin, screenX, screenY);
            }
        });
    }

    private void followView() {
        detailNearView();
        edgeLayer.view(viewport.visible(), viewport.zoom().get());
    }

    private void detailNearView() {
        LevelOfDetail.apply(skins.values(), viewport.visible(), viewport.brief());
    }

    private void route(EdgeView line) {
        DiagramEdge e = line.edge();
        NodeSkin sa = owners.get(e.from());
        NodeSkin sb = owners.get(e.to());
        if (sa == null || sb == null) {
            return;
        }
        boolean aLower = sa.getLayoutY() >= sb.getLayoutY();
        NodeSkin lower = aLower ? sa : sb;
        NodeSkin upper = aLower ? sb : sa;
        BoxKey lowerEnd = aLower ? e.from() : e.to();
        double x1 = lower.getLayoutX() + lower.node().portCenter(lowerEnd);
        double y1 = lower.getLayoutY();
        double x2 = upper.getLayoutX() + upper.node().width() / 2;
        boolean sideways = Math.abs(sa.getLayoutY() - sb.getLayoutY()) < 30;
        double y2 = sideways ? upper.getLayoutY() : upper.getLayoutY() + upper.node().height();
        line.route(x1, y1, x2, y2, sideways);
    }

    private void pressBackground(MouseEvent e) {
        if (e.getTarget() == this || e.getTarget() == world) {
            requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                gestures.startPan(e);
                clearSelection();
            } else if (e.getButton() == MouseButton.SECONDARY) {
                menus.apply(Optional.empty()).ifPresent(menu -> menu.show(this, e.getScreenX(), e.getScreenY()));
            }
        }
    }
}
