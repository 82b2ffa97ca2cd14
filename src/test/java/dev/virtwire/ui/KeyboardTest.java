package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.GuestNic;
import dev.virtwire.model.NicType;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas from the keyboard alone: arrows between boxes, the context menu, a NIC moved without a drag. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
    private static final String WEB1_MAC = "52:54:00:3a:10:01";
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
    void arrowsMoveToTheNextBoxThatWay(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        NodeSkin web1 = tab.canvas().skin(key("guest:web1")).orElseThrow();
        robot.interact(web1::requestFocus);
        Bounds start = web1.getBoundsInParent();

        robot.type(KeyCode.RIGHT);
        NodeSkin right = focused(tab);
        assertTrue(right != web1 && right.getBoundsInParent().getMinX() > start.getMinX()
                && right.getBoundsInParent().getMinY() == start.getMinY(), "Right: " + right.node().id());
        assertEquals(Optional.of(right.node().id()), tab.canvas().selected(), "the box moved to is selected");

        robot.type(KeyCode.UP);
        NodeSkin up = focused(tab);
        assertTrue(up.getBoundsInParent().getMaxY() <= right.getBoundsInParent().getMinY(), "Up: " + up.node().id());

        robot.type(KeyCode.DOWN);
        assertEquals(right.getBoundsInParent().getMinY(), focused(tab).getBoundsInParent().getMinY(),
                "Down comes back to the guests' row");
    }

    @Test
    void aNicMovesToANetworkChosenFromTheKeyboardMenu(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.interact(() -> tab.canvas().skin(key("guest:web1")).orElseThrow().requestFocus());
        robot.press(KeyCode.SHIFT, KeyCode.F10).release(KeyCode.F10, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = openMenu();
        // Troubleshoot, a separator, Switch to bridged, Switch to NAT, then Connect to: the drag's list of targets
        int connect = menu.getItems().indexOf(menu.getItems().stream().filter(i -> "connect-to".equals(i.getId()))
                .findFirst().orElseThrow());
        for (int i = 0; i < connect - 1; i++) {
            robot.type(KeyCode.DOWN); // the separator is skipped
        }
        robot.type(KeyCode.RIGHT);
        Menu targets = (Menu) menu.getItems().get(connect);
        int isolated = targets.getItems().indexOf(targets.getItems().stream()
                .filter(i -> "connect-network-isolated".equals(i.getId())).findFirst().orElseThrow());
        for (int i = 0; i < isolated; i++) {
            robot.type(KeyCode.DOWN);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#plan-commands").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> web1Nic(tab).source().equals(Optional.of("isolated")));
        assertEquals(NicType.NETWORK, web1Nic(tab).type());
    }

    @Test
    void boxesAndButtonsHaveNamesForScreenReaders(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        String guest = tab.canvas().skin(key("guest:web1")).orElseThrow().getAccessibleText();
        assertTrue(guest.startsWith("web1"), guest);
        robot.interact(() -> demo.window.view().toolbarLabels().set(false));
        for (String id : new String[] {"#open-demo", "#refresh", "#fit", "#check-all", "#troubleshoot-button", "#problems-button"}) {
            javafx.scene.control.Button b = robot.lookup(id).queryButton();
            assertFalse(b.getAccessibleText() == null || b.getAccessibleText().isBlank(), id + " has no name");
        }
    }

    @Test
    void theFirstButtonSaysWhatItDoesAndTheHostsPictureHasTheFocus(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        javafx.scene.control.Button first = robot.lookup("#open-demo").queryButton();
        assertEquals("Open demo", first.getText(), "it opens the demo host; it does not name the host on show");
        assertFalse(first.isFocused(), "it does not look pressed");
        assertTrue(tab.canvas().isFocused(), "the canvas has the focus: " + tab.canvas().getScene().getFocusOwner());
    }

    private static ContextMenu openMenu() throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
        return (ContextMenu) Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .findFirst().orElseThrow();
    }

    private static NodeSkin focused(HostTab tab) {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node owner = tab.canvas().getScene().getFocusOwner();
        assertTrue(owner instanceof NodeSkin, "the focus is on " + owner);
        return (NodeSkin) owner;
    }

    private static GuestNic web1Nic(HostTab tab) {
        return tab.session().snapshot().guest("web1").orElseThrow().nic(WEB1_MAC).orElseThrow();
    }

}
