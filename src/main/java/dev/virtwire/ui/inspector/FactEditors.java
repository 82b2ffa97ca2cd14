package dev.virtwire.ui.inspector;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The editor of each inspector row: plain text for read-only facts (not a greyed-out field that looks broken),
 * a drop-down for a choice, a field committed with Enter for a typed value.
 */
final class FactEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {
    private final String hint;

    /** @param hint the tooltip of editable rows: what happens to a new value */
    FactEditors(String hint) {
        this.hint = hint;
    }

    @Override
    public PropertyEditor<?> call(PropertySheet.Item item) {
        Fact fact = ((FactItem) item).fact();
        if (fact.edit().isEmpty()) {
            return readOnly(item);
        }
        PropertyEditor<?> editor = fact.edit().get() instanceof FactEdit.Choice c ? choice(item, c)
                : new TypedEditor(item);
        Node node = editor.getEditor();
        node.setId("fact-" + fact.edit().get().id());
        node.getStyleClass().add("fact-editable");
        Tooltip.install(node, new Tooltip(hint));
        return editor;
    }

    private static PropertyEditor<?> readOnly(PropertySheet.Item item) {
        Label label = new Label();
        label.getStyleClass().add("fact-value");
        label.setMaxWidth(Double.MAX_VALUE);
        return new AbstractPropertyEditor<Object, Label>(item, label, true) {
            @Override
            protected ObservableValue<Object> getObservableValue() {
                return null; // read-only: nothing listens
            }

            @Override
            public void setValue(Object value) {
                getEditor().setText(String.valueOf(value));
                getEditor().setTooltip(new Tooltip(String.valueOf(value)));
            }

            @Override
            public Object getValue() {
                return getEditor().getText();
            }
        };
    }

    private static PropertyEditor<?> choice(PropertySheet.Item item, FactEdit.Choice edit) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(edit.values());
        box.setMaxWidth(Double.MAX_VALUE);
        // choosing a value is the edit: the combo reports the selection to the item, which asks for a change
        return new AbstractPropertyEditor<String, ComboBox<String>>(item, box) {
            @Override
            protected ObservableValue<String> getObservableValue() {
                return getEditor().getSelectionModel().selectedItemProperty();
            }

            @Override
            public void setValue(String value) {
                getEditor().getSelectionModel().select(value);
            }
        };
    }

    /** Typing alone changes nothing: Enter commits, so half a number never becomes a change. */
    private static final class TypedEditor implements PropertyEditor<Object> {
        private final TextField field = new TextField();

        TypedEditor(PropertySheet.Item item) {
            field.setOnAction(e -> item.setValue(field.getText()));
        }

        @Override
        public Node getEditor() {
            return field;
        }

        @Override
        public Object getValue() {
            return field.getText();
        }

        @Override
        public void setValue(Object value) {
            field.setText(String.valueOf(value));
        }
    }
}
