package dev.virtwire.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
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
import javafx.css.PseudoClass;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The toolbar: the most used actions of the menus as buttons with an icon and a word (as many words as the
 * width has room for; icons only when the user chooses, View › Toolbar labels), a tooltip with the shortcut,
 * and the search field.
 */
final class Toolbar {
    private static final PseudoClass TROUBLE = PseudoClass.getPseudoClass("trouble");

    private Toolbar() {
    }

    static ToolBar build(MainWindow w, Messages text, TextField search, BooleanExpression labels) {
        Button undo = button("undo", MaterialDesignU.UNDO, text.get("toolbar.undo"), "", w::undo);
        undo.disableProperty().bind(w.undoDisabled());
        Button redo = button("redo", MaterialDesignR.REDO, text.get("toolbar.redo"), "", w::redo);
        redo.disableProperty().bind(w.redoDisabled());
        StackPane undoTip = explained(undo, text.get("menu.edit.undo") + " (Ctrl+Z)", w.undoBlocked());
        StackPane redoTip = explained(redo, text.get("menu.edit.redo") + " (Ctrl+Shift+Z, Ctrl+Y)", w.redoBlocked());
        Button demo = button("open-demo", MaterialDesignS.SERVER_NETWORK, text.get("toolbar.demo"),
                text.get("menu.file.open-demo"), w::openDemo);
        Button refresh = button("refresh", MaterialDesignR.REFRESH, text.get("toolbar.refresh"),
                text.get("menu.edit.refresh") + " (F5)", w::refresh);
        Button fit = button("fit", MaterialDesignF.FIT_TO_SCREEN_OUTLINE, text.get("toolbar.fit"),
                text.get("menu.view.fit") + " (Ctrl+0)", w::fit);
        Button zoomIn = button("zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, text.get("toolbar.zoom-in"),
                text.get("menu.view.zoom-in") + " (Ctrl++)", w::zoomIn);
        Button zoomOut = button("zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, text.get("toolbar.zoom-out"),
                text.get("menu.view.zoom-out") + " (Ctrl+-)", w::zoomOut);
        Button checkAll = button("check-all", MaterialDesignS.STETHOSCOPE, text.get("toolbar.check-all"),
                "", w::checkAll);
        // on the Fleet tab it checks between the hosts: never off, its tooltip says what it does on the tab on show
        StackPane checkAllTip = explained(checkAll, w.checkAllWords().concat(" (Ctrl+Shift+C)"),
                new javafx.beans.property.SimpleStringProperty(""));
        Button problems = problems(w, text);
        problems.disableProperty().bind(w.hostOnly().isNotEmpty());
        StackPane problemsTip = explained(problems, text.get("problems.tip"), w.hostOnly());
        Button troubleshoot = button("troubleshoot-button", MaterialDesignL.LIGHTBULB_QUESTION_OUTLINE,
                text.get("toolbar.troubleshoot"), text.get("menu.troubleshoot.ask") + " (Ctrl+T)", w::askTroubleshoot);
        Button bell = NoticeBell.build(w.stage(), w.notifier().log(), text);
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(demo, refresh, new Separator(), undoTip, redoTip, new Separator(),
                fit, zoomIn, zoomOut, new Separator(), checkAllTip, problemsTip, troubleshoot, spring, bell, search);
        bar.setId("toolbar");
        // the troubleshooter's ways in keep their words longest; zoom and messages are the first to go
        ToolbarWords.fit(bar, List.of(troubleshoot, problems, checkAll, demo, refresh, undo, redo, fit, zoomIn,
                zoomOut, bell), labels);
        return bar;
    }

    /** Problems (n): the guests the read-only rules find in trouble; opens the list grouped by root cause. */
    private static Button problems(MainWindow w, Messages text) {
        Button button = button("problems-button", MaterialDesignA.ALERT_OUTLINE, "", "", w::toggleProblems);
        button.textProperty().bind(Bindings.format(text.get("toolbar.problems"), w.problems()));
        button.getStyleClass().add("problems-button");
        w.problems().addListener((o, was, now) -> button.pseudoClassStateChanged(TROUBLE, now.intValue() > 0));
        return button;
    }

    /**
     * A disabled button shows no tooltip in JavaFX, so the tooltip sits on a wrapper: it says why the action
     * is impossible right now, or what it does when it is possible.
     */
    private static StackPane explained(Button button, String whatItDoes, StringExpression whyNot) {
        return explained(button, new javafx.beans.property.SimpleStringProperty(whatItDoes), whyNot);
    }

    /** As above, with what the button does changing with the tab on show. */
    private static StackPane explained(Button button, StringExpression whatItDoes, StringExpression whyNot) {
        StackPane wrapper = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(whyNot.isEmpty()).then(whatItDoes).otherwise(whyNot));
        button.setTooltip(null);
        Tooltip.install(wrapper, tip);
        wrapper.setId(button.getId() + "-explained");
        button.accessibleTextProperty().bind(tip.textProperty());
        return wrapper;
    }

    /** A button with an icon and a word; the tooltip says more when there is more to say (and the shortcut). */
    static Button button(String id, Ikon icon, String label, String tip, Runnable action) {
        Button button = new Button(label, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip.isEmpty() ? label : tip));
        button.setAccessibleText(tip.isEmpty() ? label : tip);
        button.setOnAction(e -> action.run());
        return button;
    }
}
