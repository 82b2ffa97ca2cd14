package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.GuestNic;
import dev.virtwire.model.NicType;
import dev.virtwire.ui.canvas.DiagramEdge;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Changes made in the window reach the (simulated) host, show on the canvas, and undo. */
@ExtendWith(ApplicationExtension.class)
class EditingTest {
    private static final String WEB1 = "web1";
    private static final String WEB1_MAC = "52:54:00:3a:10:01";
    private static final String WEB1_NIC = "nic:web1/" + WEB1_MAC;
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
    void draggingANicOntoABridgeMovesItAndUndoBringsItBack(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.drag("#" + NodeSkin.cssId(WEB1_NIC)).dropTo("#" + NodeSkin.cssId("link:br0"));
        applyPreview(robot, "virsh");
        await(() -> nic(tab).type() == NicType.BRIDGE);
        assertEquals(Optional.of("br0"), nic(tab).source());
        await(() -> canvasWires(tab, "link:vnet0", "link:br0"));
        assertFalse(tab.editor().history().isEmpty(), "the history lists the change");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> nic(tab).type() == NicType.NETWORK);
        assertEquals(Optional.of("default"), nic(tab).source());
        await(() -> canvasWires(tab, "link:vnet0", "network:default"));
    }

    @Test
    void oneClickSwitchToBridgedFromTheNicMenu(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.rightClickOn("#" + NodeSkin.cssId(WEB1_NIC));
        robot.clickOn("Switch to bridged");
        applyPreview(robot, WEB1);
        await(() -> nic(tab).type() == NicType.BRIDGE);
    }

    @Test
    void theInspectorOffersTheSameOneClickSwitch(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#" + NodeSkin.cssId(WEB1_NIC));
        robot.clickOn("#inspector-switch-to-bridged");
        applyPreview(robot, WEB1);
        await(() -> nic(tab).type() == NicType.BRIDGE);
        await(() -> robot.lookup("#inspector-switch-to-nat").tryQuery().isPresent()
                && !robot.lookup("#inspector-switch-to-nat").queryButton().isDisabled());
    }

    @Test
    void undoBackToAnyPointOfTheHistoryAndDontAskAgainForSafeChanges(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#" + NodeSkin.cssId(WEB1_NIC));
        robot.clickOn("#inspector-switch-to-bridged");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        robot.clickOn("#plan-skip-safe");
        robot.clickOn("#plan-apply");
        await(() -> nic(tab).type() == NicType.BRIDGE);
        // the canvas draws the change again: the NIC's node of the picture before it is no longer on screen
        String nicNode = "#" + NodeSkin.cssId(WEB1_NIC);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, nicNode).isPresent());
        robot.clickOn(TestWindow.shown(robot, nicNode).orElseThrow());
        robot.clickOn("#inspector-nic-cable");
        await(() -> !nic(tab).linkUp());
        assertTrue(robot.lookup("#plan-apply").tryQuery().isEmpty(), "a safe change no longer asks");
        await(() -> tab.editor().history().size() == 2);

        javafx.scene.control.ListView<?> list = robot.lookup("#history-list").queryListView();
        robot.interact(() -> {
            list.getSelectionModel().select(1); // newest first: the older change, the switch to bridged
            list.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        await(() -> nic(tab).type() == NicType.NETWORK && nic(tab).linkUp());
    }

    @Test
    void undoIsDisabledWithTheReasonUntilSomethingChanged(FxRobot robot) throws TimeoutException {
        demo.awaitDrawn();
        Button undo = robot.lookup("#undo").queryButton();
        assertTrue(undo.isDisabled());
        assertEquals("nothing to undo", demo.window.undoBlocked().get());
    }

    @Test
    void undoSaysItIsBlockedOnceTheHostChangedBehindVirtwiresBack(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#" + NodeSkin.cssId(WEB1_NIC));
        robot.clickOn("#inspector-nic-cable");
        applyPreview(robot, WEB1);
        await(() -> !nic(tab).linkUp());
        await(() -> demo.window.undoBlocked().get().isEmpty());
        // someone plugs the cable back in by hand (virsh domif-setlink): undoing the unplug would find it plugged
        tab.session().host().guests().setNicLink(WEB1, WEB1_MAC, true, dev.virtwire.host.Scope.BOTH);
        await(() -> !demo.window.undoBlocked().get().isEmpty());
        assertTrue(robot.lookup("#undo").queryButton().isDisabled(), demo.window.undoBlocked().get());
        assertTrue(demo.window.undoBlocked().get().startsWith("cannot undo"), demo.window.undoBlocked().get());
    }

    @Test
    void switchingFromTheKeyboardAlone(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("192.168.122.10");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> tab.canvas().skin(key("guest:" + WEB1)).orElseThrow().requestFocus());
        robot.type(KeyCode.CONTEXT_MENU);
        WaitForAsyncUtils.waitForFxEvents();
        // the menu opens with its first item (Troubleshoot) focused; the next one is "Switch to bridged"
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        await(() -> robot.lookup("#plan-commands").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        await(() -> nic(tab).type() == NicType.BRIDGE);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> nic(tab).type() == NicType.NETWORK);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        await(() -> nic(tab).type() == NicType.BRIDGE);
    }

    private static void applyPreview(FxRobot robot, String expectedInCommands) throws TimeoutException {
        // the preview on screen now: an earlier test's closed preview may still be found, unshown
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        String commands = ((TextArea) TestWindow.shown(robot, "#plan-commands").orElseThrow()).getText();
        assertTrue(commands.contains(expectedInCommands), commands);
        robot.clickOn(TestWindow.shown(robot, "#plan-apply").orElseThrow());
    }

    private static GuestNic nic(HostTab tab) {
        return tab.session().host().snapshot().guest(WEB1).orElseThrow().nic(WEB1_MAC).orElseThrow();
    }

    private static boolean canvasWires(HostTab tab, String from, String to) {
        return tab.canvas().diagram().edges().stream().anyMatch(e -> e.from().equals(key(from))
                && e.to().equals(key(to)) && e.style() == DiagramEdge.Style.WIRE);
    }

    private static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
