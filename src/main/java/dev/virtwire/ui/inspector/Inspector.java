package dev.virtwire.ui.inspector;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
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

/** The facts of the selected element in a ControlsFX property sheet, grouped by category. */
public final class Inspector extends VBox {
    private final Messages text;
    private final PropertySheet sheet = new PropertySheet();
    private final Label empty;
    private final FlowPane actions = new FlowPane(6, 6);

    public Inspector(Messages text) {
        this.text = text;
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
    }

    /** Shows the facts of an element; an empty id (nothing selected) shows a hint. */
    public void show(HostSnapshot snapshot, String id) {
        List<Fact> facts = id.isEmpty() ? List.of() : Facts.of(snapshot, id, text);
        if (facts.isEmpty()) {
            getChildren().set(1, empty);
            return;
        }
        sheet.getItems().setAll(FXCollections.observableArrayList(facts.stream().map(FactItem::new).toList()));
        getChildren().set(1, sheet);
    }

    public List<Fact> shown() {
        return getChildren().get(1) == sheet
                ? sheet.getItems().stream().map(i -> ((FactItem) i).fact).toList() : List.of();
    }

    private static final class FactItem implements PropertySheet.Item {
        private final Fact fact;

        FactItem(Fact fact) {
            this.fact = fact;
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return fact.category();
        }

        @Override
        public String getName() {
            return fact.name();
        }

        @Override
        public String getDescription() {
            return fact.name() + ": " + fact.value();
        }

        @Override
        public Object getValue() {
            return fact.value();
        }

        @Override
        public void setValue(Object value) {
            // read-only: facts change through the change layer, never by typing over them
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        @Override
        public boolean isEditable() {
            return false;
        }
    }
}
