package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File › Add host… keeps the host in the fleet list; File › Open the fleet opens a list of one host in its own tab
 * (read on its own thread, as File › Open does); the list itself is read and written off the window's thread.
 */
@ExtendWith(ApplicationExtension.class)
class FleetMenuTest {
    private TestWindow demo;

    @Start
    void start(Stage stage) {
        demo = new TestWindow(stage);
    }

    @AfterEach
    void forget() {
        demo.forget();
    }

    private void addHost(FxRobot robot, String name, String uri) {
        robot.clickOn("File");
        robot.clickOn("Add host…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#form-name").queryAs(TextField.class).setText(name);
            robot.lookup("#form-uri").queryAs(TextField.class).setText(uri);
        });
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether the window said it (its notifications log keeps what a toast showed). */
    private boolean notified(FxRobot robot, String text) {
        return List.copyOf(demo.window.notifier().log().notices()).stream()
                .anyMatch(n -> (n.title() + " " + n.message()).contains(text));
    }

    @Test
    void anAddedHostIsKeptInTheFleetListAndANameTwiceIsRefused(FxRobot robot) throws Exception {
        demo.awaitDrawn();
        addHost(robot, "kvm1", HostAddress.DEMO_URI);
        // written off the window's thread
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !new FleetList(demo.configDir()).hosts().isEmpty());
        assertEquals(List.of(new FleetEntry("kvm1", HostAddress.demo())), new FleetList(demo.configDir()).hosts());
        assertEquals(1, demo.window.tabs().getTabs().size(), "the demo host was open already: its tab is shown");

        addHost(robot, "kvm1", "qemu:///system");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notified(robot, "the fleet has a host named kvm1 already"));
        addHost(robot, "kvm2", "not a uri");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notified(robot, "'not a uri' is not a libvirt URI"));
        assertEquals(1, new FleetList(demo.configDir()).hosts().size(), "nothing refused was kept");
    }

    @Test
    void openingTheFleetOpensItsHostsAndADamagedListIsSaid(FxRobot robot) throws Exception {
        demo.awaitDrawn();
        robot.interact(() -> demo.window.tabs().getTabs().clear());
        new FleetList(demo.configDir()).add(new FleetEntry("demo", HostAddress.demo()));
        robot.clickOn("File");
        robot.clickOn("Open the fleet");
        // the tab is added, then selected: wait for both (under load the test once read between the two)
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> demo.window.tabs().getTabs().size() == 1
                && demo.window.currentTab().isPresent());
        assertTrue(demo.window.currentTab().orElseThrow().session().address().isDemo());

        java.nio.file.Files.writeString(demo.configDir().resolve("hosts.json"), "{\"hosts\": [");
        robot.clickOn("File");
        robot.clickOn("Open the fleet");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notified(robot, "Cannot read the fleet list"));
        assertEquals(1, demo.window.tabs().getTabs().size());
    }

    @Test
    void theFleetListIsReadOffTheWindowsThread(FxRobot robot) throws Exception {
        demo.awaitDrawn();
        robot.interact(() -> demo.window.tabs().getTabs().clear());
        // a hosts.json whose read waits until the test writes it: on the FX thread, the window would hang with it
        Path list = demo.configDir().resolve("hosts.json");
        Files.createDirectories(demo.configDir());
        assertEquals(0, new ProcessBuilder("mkfifo", list.toString()).start().waitFor());
        String json = FleetList.toJson(List.of(new FleetEntry("demo", HostAddress.demo()))).toString();
        try {
            Platform.runLater(() -> FleetMenu.openFleet(demo.window));
            // the window's thread still answers while the list's read waits
            WaitForAsyncUtils.asyncFx(() -> true).get(3, TimeUnit.SECONDS);
        } finally {
            Files.writeString(list, json);
        }
        // the tab is added, then selected: wait for both (under load the test once read between the two)
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> demo.window.tabs().getTabs().size() == 1
                && demo.window.currentTab().isPresent());
        assertTrue(demo.window.currentTab().orElseThrow().session().address().isDemo());
    }
}
