package dev.virtwire.ui;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.Diagram;
import dev.virtwire.ui.canvas.DiagramBuilder;
import dev.virtwire.ui.canvas.DropRules;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.LayeredLayout;
import dev.virtwire.ui.canvas.Legend;
import dev.virtwire.ui.canvas.Spot;
import dev.virtwire.ui.history.HistoryPanel;
import dev.virtwire.ui.inspector.Inspector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * One host in the window: the canvas, the inspector and the side panels. Each snapshot is turned into a
 * diagram and laid out off the FX thread; the canvas then shows it with the user's own box positions.
 */
public final class HostTab extends Tab {
    /** One worker for all tabs: layouts are quick, and a second core stays free for the rest. */
    private static final ExecutorService LAYOUT =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-layout"));

    /** The demo host's guest that cannot reach its network (no address): the first-run hint's example. */
    private static final String DEMO_GUEST = "mail";

    private final HostSession session;
    private final Settings settings;
    private final Messages text;
    private final GraphCanvas canvas = new GraphCanvas();
    private final Inspector inspector;
    private final VBox side = new VBox();
    private final Set<BoxKey> expanded = new HashSet<>();
    private final AtomicLong generation = new AtomicLong();
    /** The generation on the canvas now, and where its boxes were put (FX thread). */
    private long shownGeneration;
    private Map<BoxKey, Spot> shownSpots = Map.of();
    private final ReadOnlyBooleanWrapper drawn = new ReadOnlyBooleanWrapper(this, "drawn", false);
    private Map<String, Spot> pinned;
    private final HostEditor editor;
    private final Troubleshooting troubleshooting;
    private final ContextMenus menus;

    HostTab(HostSession session, Settings settings, ViewChoices view, Messages text, Notifier notifier,
            Window owner) {
        super(session.snapshot().host().name());
        this.session = session;
        this.settings = settings;
        this.text = text;
        this.pinned = new HashMap<>(settings.positions(session.address().uri()));
        setId("host-" + session.address().uri().replaceAll("[^A-Za-z0-9]", "_"));
        setTooltip(new javafx.scene.control.Tooltip(text.where(session.address())));
        this.editor = new HostEditor(session.changes(), settings, text, notifier, owner);
        this.inspector = new Inspector(text, editor::request, notifier);
        HistoryPanel history = new HistoryPanel(editor.history(), text, editor::undoBackTo);
        VBox.setVgrow(inspector, Priority.ALWAYS);
        side.getChildren().addAll(inspector, history);
        side.setMinWidth(280);
        BorderPane picture = new BorderPane(canvas);
        picture.setBottom(new Legend(text.bundle()));
        SplitPane split = new SplitPane(picture);
        SplitPane.setResizableWithParent(side, false);
        setContent(split);
        canvas.selectedProperty().addListener((o, was, now) -> inspect(now));
        // positions are saved by the key's text: they outlive this run of the program
        canvas.setOnMoved((key, spot) -> {
            pinned.put(key.text(), spot);
            settings.setPosition(session.address().uri(), key.text(), spot);
        });
        canvas.setOnOpen(key -> {
            if (!(key instanceof BoxKey.Element)) {
                if (!expanded.remove(key)) {
                    expanded.add(key);
                }
                redraw(session.snapshot(), false);
            }
        });
        canvas.setDropHandler(new GuestDrop(() -> new DropRules(session.snapshot(), session.changes().suggested()), editor::request, notifier, text));
        this.troubleshooting = new Troubleshooting(session, canvas, side, editor, text, notifier);
        new SidePanels(split, side, inspector, history, view);
        if (session.address().isDemo()) {
            picture.setTop(new DemoHint(text, view.demoHint(), () -> troubleshooting.troubleshoot(DEMO_GUEST,
                    ContextMenus.destination(ContextMenus.DESTINATIONS.get(0)))));
        }
        this.menus = new ContextMenus(session::snapshot, editor::request, text, () -> owner, notifier,
                troubleshooting::troubleshoot);
        canvas.setMenus(menus::of);
        session.snapshotProperty().addListener((o, was, now) -> {
            redraw(now, false);
            editor.hostChanged(); // what was done by hand may now block undo or redo, or unblock them
        });
        setOnClosed(e -> {
            editor.close();
            // a remote host may take a while to go: on a thread of its own, not the layouts' (or the FX) thread
            DaemonThreads.named("virtwire-host-close").newThread(session::close).start();
        });
        redraw(session.snapshot(), true);
    }

    public HostSession session() {
        return session;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    public Inspector inspector() {
        return inspector;
    }

    /** The troubleshooter's view of this host (findings panel, path marks, badges). */
    Troubleshooting troubleshooting() {
        return troubleshooting;
    }

    /** Changes to this host: plan, preview, apply, undo, history. */
    public HostEditor editor() {
        return editor;
    }

    /** The side column under the inspector, where history and findings panels go. */
    public VBox side() {
        return side;
    }

    /** The guest selected on the canvas, or the guest of the selected NIC. */
    Optional<String> selectedGuest() {
        return canvas.selected().flatMap(k -> k instanceof BoxKey.Element e ? Optional.of(e.id()) : Optional.empty())
                .flatMap(id -> id instanceof Id.Guest g ? Optional.of(g.name())
                        : id instanceof Id.Nic n ? Optional.of(n.guest()) : Optional.empty());
    }

    /** Whether the canvas shows the latest snapshot (no drawing of a newer one under way). FX thread. */
    public boolean upToDate() {
        return shownGeneration == generation.get();
    }

    /** True once the first diagram is on the canvas. */
    public ReadOnlyBooleanProperty drawnProperty() {
        return drawn.getReadOnlyProperty();
    }

    private void inspect(Optional<BoxKey> key) {
        inspector.show(session.snapshot(), key.flatMap(k -> k instanceof BoxKey.Element e
                ? Optional.of(e.id()) : Optional.empty()));
        inspector.showActions(key.flatMap(k -> menus.of(key)).map(m -> List.copyOf(m.getItems())).orElse(List.of()));
    }

    /** Forgets the user's box positions on this host and lays everything out afresh. */
    public void resetLayout() {
        settings.clearPositions(session.address().uri());
        pinned = new HashMap<>();
        redraw(session.snapshot(), true);
    }

    private void redraw(HostSnapshot snapshot, boolean fit) {
        long mine = generation.incrementAndGet();
        Set<BoxKey> open = Set.copyOf(expanded);
        Map<String, Spot> hand = Map.copyOf(pinned);
        LAYOUT.execute(() -> {
            Diagram diagram = DiagramBuilder.build(snapshot, open, text.bundle());
            Map<BoxKey, Spot> spots = new HashMap<>(LayeredLayout.of(diagram));
            spots.replaceAll((key, auto) -> hand.getOrDefault(key.text(), auto));
            Platform.runLater(() -> {
                if (generation.get() != mine) {
                    return;
                }
                if (fit || !drawn.get() || !diagram.equals(canvas.diagram()) || !spots.equals(shownSpots)) {
                    canvas.show(diagram, spots);
                    shownSpots = Map.copyOf(spots);
                }
                // else nothing on screen changed (a read time, a counter, the ARP cache): the boxes stay, so a drag
                // or a menu open on one goes on; the problems are counted again all the same
                troubleshooting.redrawn();
                inspect(canvas.selected());
                if (fit || !drawn.get()) {
                    canvas.applyCss();
                    canvas.layout();
                    canvas.fit();
                }
                shownGeneration = mine;
                drawn.set(true);
            });
        });
    }
}
