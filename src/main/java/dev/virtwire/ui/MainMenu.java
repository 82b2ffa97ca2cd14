package dev.virtwire.ui;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The menu bar: every action of the window, with mnemonics and accelerators for keyboard use. */
final class MainMenu {
    private MainMenu() {
    }

    static MenuBar build(MainWindow w, Messages text, Settings settings) {
        Menu recent = new Menu(text.get("menu.file.recent"));
        settings.recent().forEach(uri -> recent.getItems().add(item(uri, null, () -> w.openUri(uri))));
        recent.setDisable(recent.getItems().isEmpty());
        Menu file = new Menu(text.get("menu.file"), null,
                item(text.get("menu.file.open-demo"), "Shortcut+D", w::openDemo),
                item(text.get("menu.file.open-local"), null, w::openLocal),
                item(text.get("menu.file.open-uri"), "Shortcut+O", w::askForUri),
                recent,
                new SeparatorMenuItem(),
                item(text.get("menu.file.add-host"), null, () -> FleetMenu.addHost(w)),
                item(text.get("menu.file.open-fleet"), null, () -> FleetMenu.openFleet(w)),
                new SeparatorMenuItem(),
                hostOnly("menu-export-png", item(text.get("menu.file.export-png"), "Shortcut+E", w::exportPng), w),
                hostOnly("menu-export-svg", item(text.get("menu.file.export-svg"), null, w::exportSvg), w),
                hostOnly("menu-export-json", item(text.get("menu.file.export-json"), "Shortcut+J", w::exportJson), w),
                new SeparatorMenuItem(),
                item(text.get("menu.file.close-tab"), "Shortcut+W", w::closeTab),
                item(text.get("menu.file.quit"), "Shortcut+Q", w::quit));
        MenuItem undo = item(text.get("menu.edit.undo"), "Shortcut+Z", w::undo);
        undo.setId("menu-undo");
        undo.disableProperty().bind(w.undoDisabled());
        MenuItem redo = item(text.get("menu.edit.redo"), "Shortcut+Shift+Z", w::redo);
        redo.setId("menu-redo");
        redo.disableProperty().bind(w.redoDisabled());
        Menu edit = new Menu(text.get("menu.edit"), null, undo, redo,
                new SeparatorMenuItem(),
                item(text.get("menu.edit.find"), "Shortcut+F", w::focusSearch),
                item(text.get("menu.edit.refresh"), "F5", w::refresh),
                checkAll(w),
                item(text.get("menu.troubleshoot.ask"), "Shortcut+T", w::askTroubleshoot));
        Menu view = new Menu(text.get("menu.view"), null,
                item(text.get("menu.view.fit"), "Shortcut+0", w::fit),
                item(text.get("menu.view.zoom-in"), "Shortcut+Plus", w::zoomIn),
                item(text.get("menu.view.zoom-out"), "Shortcut+Minus", w::zoomOut),
                hostOnly("menu-reset-layout", item(text.get("menu.view.reset-layout"), null, w::resetLayout), w),
                item(text.get("menu.view.notices"), "Shortcut+M", w::showNotices),
                new SeparatorMenuItem(),
                choice("menu-toolbar-labels", text.get("menu.view.toolbar-labels"), w.view().toolbarLabels()),
                choice("menu-inspector", text.get("menu.view.inspector"), w.view().inspector()),
                choice("menu-history", text.get("menu.view.history"), w.view().history()),
                choice("menu-demo-hint", text.get("menu.view.demo-hint"), w.view().demoHint()),
                new SeparatorMenuItem(),
                themeMenu(w, text, settings),
                languageMenu(w, text, settings));
        Menu help = new Menu(text.get("menu.help"), null,
                item(text.get("menu.help.about"), null, w::showAbout));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("main-menu");
        return bar;
    }

    private static Menu themeMenu(MainWindow w, Messages text, Settings settings) {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem(text.get("menu.view.theme.light"));
        RadioMenuItem dark = new RadioMenuItem(text.get("menu.view.theme.dark"));
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        (settings.dark() ? dark : light).setSelected(true);
        light.setOnAction(e -> w.setDark(false));
        dark.setOnAction(e -> w.setDark(true));
        return new Menu(text.get("menu.view.theme"), null, light, dark);
    }

    private static Menu languageMenu(MainWindow w, Messages text, Settings settings) {
        ToggleGroup group = new ToggleGroup();
        Menu menu = new Menu(text.get("menu.view.language"));
        for (Locale locale : new Locale[] {Locale.ENGLISH, Messages.CHINESE}) {
            RadioMenuItem item = new RadioMenuItem(locale.getDisplayName(locale));
            item.setToggleGroup(group);
            item.setSelected(settings.locale().equals(locale));
            item.setOnAction(e -> w.setLocale(locale));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** A View choice, ticked while it holds. */
    private static CheckMenuItem choice(String id, String label, BooleanProperty chosen) {
        CheckMenuItem item = new CheckMenuItem(label);
        item.setId(id);
        item.selectedProperty().bindBidirectional(chosen);
        return item;
    }

    /** Check all, worded for the tab on show: a host's guests, or on the Fleet tab between its hosts. */
    private static MenuItem checkAll(MainWindow w) {
        MenuItem item = item("", "Shortcut+Shift+C", w::checkAll);
        item.setId("menu-check-all");
        item.textProperty().bind(w.checkAllWords());
        return item;
    }

    /**
     * An item for the host on show, off while the fleet is (the toolbar's Problems says why): on the Fleet tab it
     * would do nothing.
     */
    private static MenuItem hostOnly(String id, MenuItem item, MainWindow w) {
        item.setId(id);
        item.disableProperty().bind(w.hostOnly().isNotEmpty());
        return item;
    }

    static MenuItem item(String label, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(label);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
