package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WindowTest {
    private TestWindow demo;

    @Start
    void start(Stage stage) {
        demo = new TestWindow(stage);
    }

    @AfterEach
    void forget() {
        demo.forget();
    }

    @Test
    void theWindowShowsEveryGuestAndNetworkOfTheDemoHost(FxRobot robot) throws TimeoutException {
        demo.awaitDrawn();
        HostSnapshot host = SimulatedHost.demo().snapshot();
        host.guests().forEach(g -> assertVisible(robot, "guest:" + g.name()));
        host.networks().forEach(n -> assertVisible(robot, "network:" + n.name()));
        assertTrue(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText()
                .contains("libvirt 9.0.0"));
    }

    @Test
    void aHostThatCouldNotBeOpenedLeavesNoButtonLookingFocused(FxRobot robot) throws TimeoutException {
        TestWindow empty = TestWindow.onItsOwnStage(robot, Optional.empty(), TestWindow.WIDTH);
        try {
            robot.interact(() -> empty.window.open(
                    dev.virtwire.host.HostAddress.of("qemu+unix:///system?socket=/nonexistent")));
            empty.awaitOpenFailed(30);
            Node focused = empty.stage.getScene().getFocusOwner();
            assertFalse(focused instanceof javafx.scene.control.ButtonBase,
                    "the focus ring sits on " + focused + " of a window that shows no host");
        } finally {
            empty.closeOwnStage(robot);
        }
    }

    @Test
    void searchFindsAGuestByIpAndTheInspectorShowsIt(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#search").write("192.168.150.10");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.of(key("guest:gitlab")), tab.canvas().selected());
        assertTrue(tab.inspector().shown().stream().anyMatch(f -> f.value().equals("gitlab")));
    }

    @Test
    void clickingANicPortSelectsTheNic(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.interact(() -> tab.canvas().reveal(key("guest:web1")));
        robot.clickOn("#" + NodeSkin.cssId("nic:web1/52:54:00:3a:10:01"));
        assertEquals(Optional.of(key("nic:web1/52:54:00:3a:10:01")), tab.canvas().selected());
        assertTrue(tab.inspector().shown().stream().anyMatch(f -> f.value().equals("vnet0")));
    }

    @Test
    void mainActionsWorkFromTheKeyboardAlone(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("db1");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.of(key("guest:db1")), tab.canvas().selected());
        double before = tab.canvas().zoomProperty().get();
        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        assertTrue(tab.canvas().zoomProperty().get() < before, "Ctrl+Minus zooms out");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        robot.interact(() -> tab.canvas().skin(key("guest:db1")).orElseThrow().requestFocus());
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tab.canvas().selected().equals(Optional.of(key("guest:db1"))),
                "Tab moves to the next box and selects it");
        assertFalse(tab.canvas().selected().isEmpty());
    }

    @Test
    void aDropOnAnInactiveNetworkIsRefusedWithTheReason(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        HostSnapshot before = tab.session().host().snapshot();
        robot.interact(() -> tab.canvas().fit());
        robot.drag("#" + NodeSkin.cssId("nic:web1/52:54:00:3a:10:01"))
                .dropTo("#" + NodeSkin.cssId("network:lab"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".notification-bar .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("network lab is not active")),
                "the refusal says why");
        assertEquals(before.guests(), tab.session().host().snapshot().guests(), "the host is untouched");
    }

    @Test
    void aMovedBoxKeepsItsPlaceAcrossRefreshes(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        NodeSkin box = tab.canvas().skin(key("guest:nas")).orElseThrow();
        double x = box.getLayoutX();
        robot.drag(box).moveBy(0, 120).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double moved = tab.canvas().skin(key("guest:nas")).orElseThrow().getLayoutY();
        assertTrue(moved > dev.virtwire.ui.canvas.LayeredLayout.rowTop(4), "the box moved down: " + moved);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> tab.canvas().skin(key("guest:nas")).orElseThrow() != box);
        WaitForAsyncUtils.waitForFxEvents();
        NodeSkin again = tab.canvas().skin(key("guest:nas")).orElseThrow();
        assertEquals(moved, again.getLayoutY(), 1.0);
        assertEquals(x, again.getLayoutX(), 1.0);
    }

    @Test
    void theLanguageCanBeSwitchedToChinese(FxRobot robot) throws TimeoutException {
        demo.awaitDrawn();
        robot.interact(() -> demo.window.setLocale(Messages.CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".menu-bar .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("文件")), "the File menu is in Chinese");
        assertTrue(robot.lookup("#" + NodeSkin.cssId("guest:web1")).tryQuery().isPresent(), "the host stays open");
    }

    private static void assertVisible(FxRobot robot, String id) {
        Node box = robot.lookup("#" + NodeSkin.cssId(id)).query();
        assertTrue(box.isVisible() && box.getScene() != null, id);
    }
}
