package dev.virtwire.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The toolbar: the most used actions of the menus, as icon buttons with tooltips, and the search field. */
final class Toolbar {
    private Toolbar() {
    }

    static ToolBar build(MainWindow w, Messages text, TextField search) {
        Button undo = button("undo", MaterialDesignU.UNDO, text.get("menu.edit.undo") + " (Ctrl+Z)", w::undo);
        undo.disableProperty().bind(w.undoDisabled());
        Button redo = button("redo", MaterialDesignR.REDO, text.get("menu.edit.redo") + " (Ctrl+Shift+Z)", w::redo);
        redo.disableProperty().bind(w.redoDisabled());
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(
                button("open-demo", MaterialDesignS.SERVER_NETWORK, text.get("menu.file.open-demo"), w::openDemo),
                button("refresh", MaterialDesignR.REFRESH, text.get("menu.edit.refresh") + " (F5)", w::refresh),
                new Separator(), undo, redo, new Separator(),
                button("fit", MaterialDesignF.FIT_TO_SCREEN_OUTLINE, text.get("menu.view.fit") + " (Ctrl+0)", w::fit),
                button("zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, text.get("menu.view.zoom-in"), w::zoomIn),
                button("zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, text.get("menu.view.zoom-out"), w::zoomOut),
                spring, search);
        bar.setId("toolbar");
        return bar;
    }

    static Button button(String id, Ikon icon, String tip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        button.setOnAction(e -> action.run());
        return button;
    }
}
