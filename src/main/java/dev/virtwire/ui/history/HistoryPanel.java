package dev.virtwire.ui.history;

import dev.virtwire.change.HistoryEntry;
import dev.virtwire.ui.Messages;
import dev.virtwire.ui.TimeOfDay;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The changes made to this host, newest first; any applied one can be the point to undo back to. */
public final class HistoryPanel extends VBox {
    private final ListView<HistoryEntry> list = new ListView<>();
    private final BooleanBinding empty;

    public HistoryPanel(ObservableList<HistoryEntry> entries, Messages text, Consumer<HistoryEntry> undoBackTo) {
        getStyleClass().add("history-panel");
        Label title = new Label(text.get("history.title"));
        title.getStyleClass().add("side-title");
        list.setId("history-list");
        list.getStyleClass().add("history-list");
        list.setPlaceholder(new Label(text.get("history.empty")));
        list.setItems(new SortedList<>(entries, (a, b) -> b.when().compareTo(a.when())));
        list.setPrefHeight(150);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setText(null);
                    setTooltip(null);
                    setContextMenu(null);
                    return;
                }
                setText(TimeOfDay.of(entry.when()) + "  " + entry.title() + "  [" + text.get("history.status."
                        + entry.status().json()) + "]");
                setTooltip(new Tooltip(entry.note().map(n -> n + "\n\n").orElse("")
                        + String.join("\n", entry.commands())));
                MenuItem undo = new MenuItem(text.get("history.undo-to"));
                undo.setDisable(entry.status() != HistoryEntry.Status.APPLIED);
                undo.setOnAction(e -> undoBackTo.accept(entry));
                setContextMenu(new ContextMenu(undo));
            }
        });
        list.setOnKeyPressed(e -> {
            HistoryEntry entry = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && entry != null && entry.status() == HistoryEntry.Status.APPLIED) {
                undoBackTo.accept(entry);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        empty = Bindings.isEmpty(entries);
    }

    /** True while there is no change to list. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    public ListView<HistoryEntry> list() {
        return list;
    }
}
