package dev.virtwire.ui.inspector;

import dev.virtwire.change.Intent;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.Messages;
import dev.virtwire.ui.Notifier;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.PropertySheet;

/**
 * The facts of the selected element in a ControlsFX property sheet, grouped by category. Facts an operation
 * exists for are editable: a new value becomes an intent for the same request path as the context menus
 * (plan, preview, apply), and the sheet shows the change once the host reports it.
 */
public final class Inspector extends VBox {
    private final Messages text;
    private final Consumer<Intent> request;
    private final Notifier notifier;
    private HostSnapshot snapshot;
    private Optional<Id.Node> id = Optional.empty();
    private final PropertySheet sheet = new PropertySheet();
    private final Label empty;
    private final FlowPane actions = new FlowPane(6, 6);
    private final ReadOnlyBooleanWrapper nothingShown = new ReadOnlyBooleanWrapper(this, "empty", true);

    public Inspector(Messages text, Consumer<Intent> request, Notifier notifier) {
        this.text = text;
        this.request = request;
        this.notifier = notifier;
        getStyleClass().add("inspector");
        Label title = new Label(text.get("inspector.title"));
        title.getStyleClass().add("side-title");
        empty = new Label(text.get("inspector.nothing"));
        empty.setWrapText(true);
        empty.setStyle("-fx-padding: 8;");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setId("inspector-sheet");
        sheet.setPropertyEditorFactory(new FactEditors(text.get("edit.hint")));
        VBox.setVgrow(sheet, Priority.ALWAYS);
        actions.setId("inspector-actions");
        actions.setStyle("-fx-padding: 6 8 6 8;");
        getChildren().addAll(title, empty, actions);
    }

    /**
     * The operations that exist for the shown element, as buttons (the same items as its context menu), so the
     * inspector edits what can be edited: "Switch to bridged", "Stop network", "Set link down"...
     */
    public void showActions(List<MenuItem> items) {
        actions.getChildren().clear();
        for (MenuItem item : items) {
            if (item instanceof SeparatorMenuItem) {
                continue;
            }
            if (item instanceof Menu menu) {
                MenuButton button = new MenuButton(menu.getText());
                button.getItems().setAll(List.copyOf(menu.getItems()));
                button.setDisable(menu.isDisable());
                actions.getChildren().add(button);
            } else {
                Button button = new Button(item.getText());
                button.setDisable(item.isDisable());
                button.setOnAction(e -> item.fire());
                if (item.getId() != null) {
                    button.setId("inspector-" + item.getId());
                }
                actions.getChildren().add(button);
            }
        }
        updateEmpty();
    }

    /** True while the inspector has neither facts nor actions to show (nothing is selected). */
    public ReadOnlyBooleanProperty emptyProperty() {
        return nothingShown.getReadOnlyProperty();
    }

    private void updateEmpty() {
        nothingShown.set(getChildren().get(1) == empty && actions.getChildren().isEmpty());
    }

    /** Shows the facts of an element; nothing selected (or a group) shows a hint. */
    public void show(HostSnapshot snapshot, Optional<Id.Node> id) {
        this.snapshot = snapshot;
        this.id = id;
        List<Fact> facts = id.map(i -> Facts.of(snapshot, i, text)).orElse(List.of());
        if (facts.isEmpty()) {
            getChildren().set(1, empty);
            updateEmpty();
            return;
        }
        // categories in the order the facts come, General first: the sheet would sort them by name
        List<String> order = facts.stream().map(Fact::category).distinct().toList();
        sheet.setCategoryComparator(Comparator.comparingInt(order::indexOf));
        sheet.getItems().setAll(FXCollections.observableArrayList(facts.stream()
                .map(f -> new FactItem(f, this::edited)).toList()));
        getChildren().set(1, sheet);
        updateEmpty();
    }

    /**
     * A value the user chose or typed. Until the host reports a change the sheet goes back to what the host has:
     * the preview may be cancelled, or the change refused.
     */
    private void edited(Fact fact, String value) {
        try {
            fact.edit().flatMap(e -> e.intentFor(value)).ifPresent(request);
        } catch (IllegalArgumentException e) {
            notifier.error(text.get("change.refused"), e.getMessage());
        }
        HostSnapshot shown = snapshot;
        Optional<Id.Node> shownId = id;
        // later: the editor that reported the value is still busy delivering it
        Platform.runLater(() -> {
            if (shown == snapshot && shownId.equals(id)) {
                show(shown, shownId);
            }
        });
    }

    public List<Fact> shown() {
        return getChildren().get(1) == sheet
                ? sheet.getItems().stream().map(i -> ((FactItem) i).fact()).toList() : List.of();
    }
}
