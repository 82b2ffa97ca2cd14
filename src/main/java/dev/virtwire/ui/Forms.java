package dev.virtwire.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Small forms for the few changes that need typed input (a bridge name, a subnet, a port). They only collect
 * text: the change layer validates it and its refusal says what is allowed.
 */
final class Forms {
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final GridPane grid = new GridPane();
    private final String title;

    Forms(String title) {
        this.title = title;
        grid.setHgap(10);
        grid.setVgap(8);
    }

    Forms text(String key, String label, String value) {
        TextField field = new TextField(value);
        field.setId("form-" + key);
        field.setPrefColumnCount(22);
        return add(key, label, field);
    }

    Forms choice(String key, String label, List<String> values, String value) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(values);
        box.setValue(value);
        box.setEditable(true);
        box.setId("form-" + key);
        return add(key, label, box);
    }

    private Forms add(String key, String label, Control field) {
        Label l = new Label(label);
        l.setLabelFor(field);
        grid.addRow(fields.size(), l, field);
        fields.put(key, field);
        return this;
    }

    /** The values by key, or empty when cancelled. */
    Optional<Map<String, String>> ask(Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        fields.values().stream().findFirst().ifPresent(f -> dialog.setOnShown(e -> f.requestFocus()));
        if (dialog.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((k, f) -> values.put(k, (f instanceof TextField t ? t.getText()
                : String.valueOf(((ComboBox<?>) f).getEditor().getText())).strip()));
        return Optional.of(values);
    }

    static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A number the user typed; the change layer refuses out-of-range values with a clear message. */
    static int number(String value, String what) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + value + "'");
        }
    }
}
