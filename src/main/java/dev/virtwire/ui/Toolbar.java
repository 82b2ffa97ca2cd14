package dev.virtwire.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
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
        StackPane undoTip = explained(undo, text.get("menu.edit.undo") + " (Ctrl+Z)", w.undoBlocked());
        StackPane redoTip = explained(redo, text.get("menu.edit.redo") + " (Ctrl+Shift+Z, Ctrl+Y)", w.redoBlocked());
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(
                button("open-demo", MaterialDesignS.SERVER_NETWORK, text.get("menu.file.open-demo"), w::openDemo),
                button("refresh", MaterialDesignR.REFRESH, text.get("menu.edit.refresh") + " (F5)", w::refresh),
                new Separator(), undoTip, redoTip, new Separator(),
                button("fit", MaterialDesignF.FIT_TO_SCREEN_OUTLINE, text.get("menu.view.fit") + " (Ctrl+0)", w::fit),
                button("zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, text.get("menu.view.zoom-in"), w::zoomIn),
                button("zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, text.get("menu.view.zoom-out"), w::zoomOut),
                button("check-all", MaterialDesignS.STETHOSCOPE, text.get("menu.check-all") + " (Ctrl+Shift+C)",
                        w::checkAll),
                spring, search);
        bar.setId("toolbar");
        return bar;
    }

    /**
     * A disabled button shows no tooltip in JavaFX, so the tooltip sits on a wrapper: it says why the action
     * is impossible right now, or what it does when it is possible.
     */
    private static StackPane explained(Button button, String whatItDoes, StringExpression whyNot) {
        StackPane wrapper = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(whyNot.isEmpty()).then(whatItDoes).otherwise(whyNot));
        button.setTooltip(null);
        Tooltip.install(wrapper, tip);
        wrapper.setId(button.getId() + "-explained");
        button.accessibleTextProperty().bind(tip.textProperty());
        return wrapper;
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
