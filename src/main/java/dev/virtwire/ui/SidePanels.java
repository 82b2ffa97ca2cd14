package dev.virtwire.ui;

import dev.virtwire.ui.history.HistoryPanel;
import dev.virtwire.ui.inspector.Inspector;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The column beside the canvas. A panel with nothing to show (no selection, no changes yet) takes no room, nor
 * does one the user hid (View menu); with nothing left in it the column goes and the canvas has the width.
 * Panels others add to the column (the troubleshooter's findings) keep it open while they are there.
 */
final class SidePanels {
    private final SplitPane split;
    private final VBox side;
    private final Inspector inspector;
    private final HistoryPanel history;
    private final ObservableBooleanValue inspectorChosen;
    private final ObservableBooleanValue historyChosen;
    private double divider = 0.8;

    SidePanels(SplitPane split, VBox side, Inspector inspector, HistoryPanel history, ViewChoices view) {
        this.split = split;
        this.side = side;
        this.inspector = inspector;
        this.history = history;
        this.inspectorChosen = view.inspector();
        this.historyChosen = view.history();
        InvalidationListener update = o -> update();
        for (Observable o : new Observable[] {inspector.emptyProperty(), history.emptyProperty(), inspectorChosen,
            historyChosen}) {
            o.addListener(update);
        }
        side.getChildren().addListener((ListChangeListener<Node>) c -> update());
        update();
    }

    private void update() {
        boolean showInspector = inspectorChosen.get() && !inspector.emptyProperty().get();
        boolean showHistory = historyChosen.get() && !history.emptyProperty().get();
        show(inspector, showInspector);
        show(history, showHistory);
        VBox.setVgrow(history, showInspector ? Priority.NEVER : Priority.ALWAYS);
        boolean others = side.getChildren().stream().anyMatch(n -> n != inspector && n != history);
        boolean column = showInspector || showHistory || others;
        if (column && !split.getItems().contains(side)) {
            split.getItems().add(side);
            split.setDividerPositions(divider);
        } else if (!column && split.getItems().contains(side)) {
            divider = split.getDividerPositions()[0];
            split.getItems().remove(side);
        }
        // now, not at the next pulse: what was just shown is where it is drawn before anyone reaches for it
        split.layout();
    }

    private static void show(Node panel, boolean shown) {
        panel.setVisible(shown);
        panel.setManaged(shown);
    }
}
