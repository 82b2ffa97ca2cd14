package dev.virtwire.ui;

import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The search field: typing finds as you go; Enter jumps to the next match; Escape goes back to the canvas. */
final class SearchBox {
    private SearchBox() {
    }

    static TextField create(MainWindow window, Messages text) {
        CustomTextField field = (CustomTextField) TextFields.createClearableTextField();
        field.setId("search");
        field.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        field.setPromptText(text.get("search.prompt"));
        // narrow enough to leave the toolbar's words room at 1280 px; wider where the window has space to spare
        field.setPrefColumnCount(12);
        field.setMaxWidth(440);
        javafx.scene.layout.HBox.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
        field.setTooltip(new javafx.scene.control.Tooltip(text.get("search.prompt")));
        int[] next = {0};
        field.textProperty().addListener((o, was, now) -> {
            next[0] = 0;
            window.find(now, 0);
            field.requestFocus();
        });
        field.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                window.find(field.getText(), ++next[0]);
                field.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                window.currentTab().ifPresent(t -> t.canvas().requestFocus());
                e.consume();
            }
        });
        return field;
    }
}
