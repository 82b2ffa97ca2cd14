package dev.virtwire.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The window on the simulated fleet of {@link SimFleet}, to look at it on a display (README, "The fleet on one
 * canvas"): {@code java -cp ... dev.virtwire.ui.FleetLook [troubleshoot] [collapse] [search] [fix] [ask [same]] [lost] [rogue] [clone [fix [instead]] [at=MAC]] [dark]} under Xvfb, then
 * {@code import -window root}. Settings and histories of its own, in throwaway places.
 */
public final class FleetLook {
    private FleetLook() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            Settings settings = new Settings(Preferences.userRoot().node("dev/virtwire/look-" + UUID.randomUUID()));
            settings.setLocale(java.util.Locale.ENGLISH);
            settings.setWindow(0, 0, 1600, 1000, false);
            settings.setDark(args.contains("dark"));
            Path state = Files.createTempDirectory("virtwire-look");
            MainWindow window = VirtwireApp.rebuild(stage, settings, state, state.resolve("config"), List.of());
            SimFleet fleet = args.contains("rogue") ? new SimFleet(SimFleet.ROGUE_DHCP_ON_KVM2)
                    : new SimFleet(args.contains("troubleshoot"));
            FleetTab tab = FleetMenu.show(window, SimFleet.HOSTS, fleet::open, Duration.ofSeconds(15));
            new Thread(() -> {
                sleep(1500);
                fleet.release();
                sleep(3000);
                Platform.runLater(() -> {
                    if (args.contains("troubleshoot")) {
                        tab.troubleshooting().troubleshoot("kvm1", "web1", "kvm2", "nas");
                    }
                    if (args.contains("collapse")) {
                        tab.canvas().frame("kvm2").ifPresent(f -> f.collapsedProperty().set(true));
                    }
                });
                sleep(6000); // every host drawn, on a loaded machine too
                Platform.runLater(() -> {
                    if (args.contains("search")) {
                        ((javafx.scene.control.TextField) stage.getScene().lookup("#search")).setText("192.168.1.61");
                    }
                    if (args.contains("ask")) {
                        window.askTroubleshoot();
                    }
                    if (args.contains("fix")) { // the broken hop's Fix pressed: its preview
                        javafx.scene.Node fix = stage.getScene().lookup("#fix-kvm2-" + "link-down");
                        if (fix != null) {
                            ((javafx.scene.control.Button) fix).fire();
                        }
                    }
                    if (args.contains("rogue")) { // Check all: the findings between the hosts, the Edit menu open
                        window.checkAll();
                        ((javafx.scene.control.MenuBar) stage.getScene().lookup("#main-menu")).getMenus().get(1).show();
                    }
                    if (args.contains("lost")) { // kvm2's libvirtd stopped after it was drawn
                        fleet.goDown("kvm2", "libvirt closed the connection to qemu+ssh://root@kvm2/system (the "
                                + "daemon stopped, or the link to it ended)");
                    }
                    if (args.contains("clone")) { // Check all: the clones' MACs, each with its Fix
                        window.checkAll();
                    }
                    if (args.contains("same")) { // the other host the same as the guest's: OK is off, and says why
                        javafx.stage.Window.getWindows().stream().map(w -> w.getScene().lookup("#troubleshoot-other-host"))
                                .filter(java.util.Objects::nonNull).findFirst()
                                .ifPresent(c -> ((javafx.scene.control.ComboBox<?>) c).getSelectionModel().select(0));
                    }
                });
                args.stream().filter(a -> a.startsWith("at=")).findFirst().ifPresent(at -> { // that card on top
                    sleep(4000);
                    Platform.runLater(() -> scrollTo(stage, at.substring(3)));
                });
                if (args.contains("clone") && args.contains("fix")) { // nas's new MAC on kvm2 (kvm1 instead): its preview
                    sleep(4000);
                    String button = args.contains("instead") ? "#fix-instead-kvm1-duplicate-mac"
                            : "#fix-between-kvm2-duplicate-mac";
                    Platform.runLater(() -> stage.getScene().getRoot().lookupAll(button).stream()
                            .map(javafx.scene.control.Button.class::cast)
                            .filter(b -> b.getText().contains("nas's NIC") || b.getText().contains("give nas on")).findFirst()
                            .ifPresent(javafx.scene.control.Button::fire));
                }
            }).start();
        }

        /** The first finding card between the hosts whose title holds this text, scrolled to the panel's top. */
        private static void scrollTo(Stage stage, String text) {
            javafx.scene.Node panel = stage.getScene().lookup("#findings-between");
            if (panel == null) {
                return;
            }
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) panel.lookup(".scroll-pane");
            javafx.scene.layout.Region body = (javafx.scene.layout.Region) scroll.getContent();
            body.getChildrenUnmodifiable().stream().filter(javafx.scene.control.TitledPane.class::isInstance)
                    .filter(c -> ((javafx.scene.control.TitledPane) c).getText().contains(text)).findFirst()
                    .ifPresent(c -> scroll.setVvalue(c.getBoundsInParent().getMinY()
                            / Math.max(1, body.getHeight() - scroll.getViewportBounds().getHeight())));
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
