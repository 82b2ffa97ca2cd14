package dev.virtwire.ui;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.ui.canvas.DiagramNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The window: menus, toolbar, one tab per open host (or the fleet's), status bar; what its menus and buttons do to
 * the host on show. Hosts are opened by {@link HostOpening}.
 */
public final class MainWindow {

    private final Stage stage;
    private final Settings settings;
    private final Messages text;
    private final Notifier notifier;
    private final ViewChoices view;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final WindowStatus status;
    private final TextField search;
    private final StringProperty undoBlocked = new SimpleStringProperty();
    private final StringProperty redoBlocked = new SimpleStringProperty();
    private final IntegerProperty problems = new SimpleIntegerProperty();
    /** Why Problems, the exports and Reset layout are off (the fleet is on show: they are one host's), or empty. */
    private final StringProperty hostOnly = new SimpleStringProperty("");
    /** What Check all does on the tab on show: a host's guests, one by one, or (Fleet tab) between the hosts. */
    private final StringProperty checkAllWords = new SimpleStringProperty("");
    private final BooleanBinding undoDisabled = undoBlocked.isNotEmpty();
    private final BooleanBinding redoDisabled = redoBlocked.isNotEmpty();
    private final HostOpening opening;
    private final Path stateDir;
    private final Path configDir;

    /** @param stateDir where change histories are kept; configDir where the fleet list is (File › Add host…) */
    public MainWindow(Stage stage, Settings settings, Path stateDir, Path configDir) {
        this.stage = stage;
        this.settings = settings;
        this.stateDir = stateDir;
        this.configDir = configDir;
        this.text = new Messages(settings.locale());
        this.view = new ViewChoices(settings);
        this.notifier = new Notifier(stage, text);
        this.search = SearchBox.create(this, text);
        this.status = new WindowStatus(text);
        this.opening = new HostOpening(this, settings, stateDir);
        tabs.setId("host-tabs");
        undoBlocked.set(text.get("undo.none"));
        redoBlocked.set(text.get("redo.none"));
        checkAllWords.set(text.get("menu.check-all"));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            updateStatus();
            followHistory();
        });
        root.setTop(new VBox(MainMenu.build(this, text, settings), Toolbar.build(this, text, search, view.toolbarLabels())));
        root.setCenter(tabs);
        root.setBottom(status.bar());
    }

    /** The scene root, with the theme applied. */
    public BorderPane root() {
        return root;
    }

    public void install(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), this::redo);
        applyTheme(scene);
        restFocus();
    }

    /**
     * Until a host's picture takes it, the focus rests on the (empty) tab pane: left to the scene it lands on the
     * first toolbar button, whose focus ring then stays on a window whose host could not be opened.
     */
    void restFocus() {
        if (tabs.getTabs().isEmpty()) {
            tabs.requestFocus();
        }
    }

    public Messages text() {
        return text;
    }

    Stage stage() {
        return stage;
    }

    Settings settings() {
        return settings;
    }

    WindowStatus status() {
        return status;
    }

    public Notifier notifier() {
        return notifier;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The fleet's tab, when one is open (on show or not). */
    Optional<FleetTab> fleetTab() {
        return tabs.getTabs().stream().filter(FleetTab.class::isInstance).map(FleetTab.class::cast).findFirst();
    }

    /** The fleet's tab, when it is the one on show. */
    Optional<FleetTab> currentFleet() {
        return tabs.getSelectionModel().getSelectedItem() instanceof FleetTab f ? Optional.of(f) : Optional.empty();
    }

    public Optional<HostTab> currentTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab instanceof HostTab h ? Optional.of(h) : Optional.empty();
    }

    /** Told when a host could not be opened (after the user was notified). */
    void onOpenFailed(Consumer<Throwable> listener) {
        opening.onFailed(listener);
    }

    BooleanBinding undoDisabled() {
        return undoDisabled;
    }

    BooleanBinding redoDisabled() {
        return redoDisabled;
    }

    /** Why undo is impossible now (the undo control's tooltip); empty when it is possible. */
    StringProperty undoBlocked() {
        return undoBlocked;
    }

    StringProperty redoBlocked() {
        return redoBlocked;
    }

    /** Undo and redo follow the history of the host on show. */
    void followHistory() {
        undoBlocked.unbind();
        redoBlocked.unbind();
        problems.unbind();
        Optional<HostTab> tab = currentTab();
        Optional<FleetTab> fleet = currentFleet();
        hostOnly.set(fleet.isPresent() ? text.get("fleet.host-only") : "");
        checkAllWords.set(text.get(fleet.isPresent() ? "menu.check-between" : "menu.check-all"));
        status.follow(tab.map(HostTab::editor));
        if (tab.isPresent()) {
            undoBlocked.bind(tab.get().editor().undoBlockedProperty());
            redoBlocked.bind(tab.get().editor().redoBlockedProperty());
            problems.bind(tab.get().troubleshooting().problemCountProperty());
        } else if (fleet.isPresent()) {
            problems.bind(fleet.get().problemCountProperty());
            undoBlocked.bind(fleet.get().undoBlocked());
            redoBlocked.set(text.get("redo.none"));
        } else {
            problems.set(0);
            undoBlocked.set(text.get("undo.none"));
            redoBlocked.set(text.get("redo.none"));
        }
    }

    public void openDemo() {
        opening.open(HostAddress.demo());
    }

    public void openLocal() {
        opening.open(HostAddress.local());
    }

    public void openUri(String uri) {
        opening.open(HostAddress.of(uri));
    }

    void askForUri() {
        opening.askForUri();
    }

    FleetList fleet() {
        return new FleetList(configDir);
    }

    /** Where hosts' histories are kept (and the demo host's state). */
    Path stateDir() {
        return stateDir;
    }

    /** Opens a host in a new tab (or shows its tab if it is open already); reading happens in the background. */
    public void open(HostAddress address) {
        opening.open(address);
    }

    /** Shows an already open host (used when the window is rebuilt in another language). */
    public HostTab addTab(HostSession session) {
        HostTab tab = new HostTab(session, settings, view, text, notifier, stage);
        // the host's picture takes the focus the scene gave its first control (which then looked pressed)
        tab.drawnProperty().addListener((o, was, now) -> {
            if (now && !(root.getScene() != null && root.getScene().getFocusOwner() instanceof TextField)) {
                FirstFocus.when(tab.canvas());
            }
        });
        session.snapshotProperty().addListener((o, was, now) -> updateStatus());
        // the first picture is drawn from the first read; the live updates start meanwhile
        String where = text.where(session.address());
        session.startWatching(e -> notifier.error(text.format("watch.failed", where), e));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        updateStatus();
        return tab;
    }

    public List<HostSession> sessions() {
        return tabs.getTabs().stream().filter(HostTab.class::isInstance).map(t -> ((HostTab) t).session()).toList();
    }

    /** File › Close tab: as the tab's own × does, so a host tab and the fleet's let their hosts go one way. */
    void closeTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab != null) {
            tabs.getTabs().remove(tab);
            Event.fireEvent(tab, new Event(Tab.CLOSED_EVENT));
        }
    }

    void quit() {
        stage.close();
    }

    void refresh() {
        currentFleet().ifPresent(FleetTab::refresh);
        currentTab().ifPresent(opening::refresh);
    }

    /** A host's guests, one by one; on the Fleet tab, what is wrong between its hosts. */
    void checkAll() {
        currentTab().ifPresent(t -> t.troubleshooting().checkAll());
        currentFleet().ifPresent(f -> f.between().check());
    }

    ViewChoices view() {
        return view;
    }

    /** How many guests of the host on show have a problem (the read-only rules, after every update). */
    IntegerProperty problems() {
        return problems;
    }

    /** Why the one-host actions (Problems, the exports, Reset layout) cannot be used now (empty when they can). */
    StringProperty hostOnly() {
        return hostOnly;
    }

    /** Check all's menu item and tooltip: what it does on the tab on show. */
    StringProperty checkAllWords() {
        return checkAllWords;
    }

    /** The Problems panel of the host on show, opened or closed. */
    void toggleProblems() {
        currentTab().ifPresent(t -> t.troubleshooting().toggleProblems());
    }

    /** Troubleshoot…: which guest (the selected one comes chosen), reaching what. */
    void askTroubleshoot() {
        currentFleet().ifPresent(f -> FleetTroubleshootDialog.ask(stage, text, notifier, f.hostsUp(),
                f.troubleshooting()::troubleshoot));
        currentTab().ifPresent(t -> TroubleshootDialog.ask(stage, text, t.session().snapshot(), t.selectedGuest(),
                t.troubleshooting()::troubleshoot));
    }

    /** The notification log: every message the window gave, newest first. */
    void showNotices() {
        NoticeBell.open(stage, notifier.log(), text);
    }

    void showAbout() {
        AboutDialog.show(stage, text);
    }

    void fit() {
        currentFleet().ifPresent(FleetTab::fit);
        currentTab().ifPresent(t -> t.canvas().fit());
    }

    void zoomIn() {
        currentFleet().ifPresent(FleetTab::zoomIn);
        currentTab().ifPresent(t -> t.canvas().zoomIn());
    }

    void zoomOut() {
        currentFleet().ifPresent(FleetTab::zoomOut);
        currentTab().ifPresent(t -> t.canvas().zoomOut());
    }

    void resetLayout() {
        currentTab().ifPresent(HostTab::resetLayout);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Finds boxes by name, MAC or IP in the current host (every host of the fleet) and reveals the first (or next) one. */
    public List<DiagramNode> find(String wanted, int index) {
        return WindowSearch.find(currentTab(), currentFleet(), wanted, index, status, text);
    }

    void undo() {
        if (!undoDisabled.get()) {
            currentTab().ifPresent(t -> t.editor().undo());
            currentFleet().ifPresent(FleetTab::undo);
        }
    }

    void redo() {
        if (!redoDisabled.get()) {
            currentTab().ifPresent(t -> t.editor().redo());
        }
    }

    void exportPng() {
        currentTab().ifPresent(t -> Exports.save(stage, t, "png", notifier, text));
    }

    void exportSvg() {
        currentTab().ifPresent(t -> Exports.save(stage, t, "svg", notifier, text));
    }

    void exportJson() {
        currentTab().ifPresent(t -> Exports.save(stage, t, "json", notifier, text));
    }

    void setDark(boolean dark) {
        settings.setDark(dark);
        applyTheme(stage.getScene());
    }

    void setLocale(Locale locale) {
        settings.setLocale(locale);
        tabs.getTabs().stream().filter(HostTab.class::isInstance).forEach(t -> ((HostTab) t).editor().close());
        // the fleet is read afresh in the new window: its frames are drawn in the new language's words
        Optional<FleetTab> fleet = fleetTab();
        fleet.ifPresent(f -> f.getOnClosed().handle(null));
        MainWindow next = VirtwireApp.rebuild(stage, settings, stateDir, configDir, sessions());
        fleet.ifPresent(f -> FleetMenu.reopen(next, f.hosts().entries()));
    }

    private void applyTheme(Scene scene) {
        scene.getStylesheets().setAll(getClass().getResource("virtwire.css").toExternalForm());
        if (settings.dark()) {
            scene.getStylesheets().add(getClass().getResource("dark.css").toExternalForm());
        }
        if (settings.locale().getLanguage().equals("zh")) {
            scene.getStylesheets().add(getClass().getResource("cjk.css").toExternalForm());
        }
    }

    void updateStatus() {
        status.say(currentTab().map(t -> StatusLine.of(t.session(), text)).or(() -> currentFleet()
                .map(f -> text.format("fleet.status", f.hosts().entries().size()))).orElse(text.get("status.none")));
    }
}
