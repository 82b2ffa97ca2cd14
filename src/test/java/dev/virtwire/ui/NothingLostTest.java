package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Nothing lost: every message stays in the notification log; a change that failed part-way is a window that stays. */
@ExtendWith(ApplicationExtension.class)
class NothingLostTest {
    private TestWindow demo;

    @Start
    void start(Stage stage) {
        demo = new TestWindow(stage);
    }

    @AfterEach
    void forget(FxRobot robot) {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != robot.targetWindow()
                && w instanceof Stage s && s.getOwner() != null).toList().forEach(w -> ((Stage) w).close()));
        demo.forget();
    }

    @Test
    void aRefusalIsCountedOnTheBellAndKeptInTheLog(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.interact(() -> tab.canvas().fit());
        int before = Integer.parseInt(unread(robot)); // the log is the window's: earlier tests' messages are in it
        robot.drag("#" + NodeSkin.cssId("nic:web1/52:54:00:3a:10:01")).dropTo("#" + NodeSkin.cssId("network:lab"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> unread(robot).equals(String.valueOf(before + 1)));
        assertTrue(robot.lookup("#notices-unread").query().isVisible());
        robot.clickOn("#notices");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#notices-list").tryQuery().isPresent());
        ListView<?> log = robot.lookup("#notices-list").queryListView();
        assertEquals(demo.window.notifier().log().notices().size(), log.getItems().size());
        assertTrue(log.getItems().get(0).toString().contains("network lab is not active"), log.getItems().toString());
        assertEquals("0", unread(robot), "opening the log reads it");
        assertTrue(!robot.lookup("#notices-unread").query().isVisible());
    }

    @Test
    void aChangeThatFailedPartWayStaysOnScreenNamingWhatWasAndWasNotReverted(FxRobot robot) throws TimeoutException {
        demo.awaitDrawn();
        int before = Integer.parseInt(unread(robot));
        ChangeFailed failed = new ChangeFailed("attach web1 to br0 (saved config)", "libvirt: domain not found",
                List.of("detach web1 from br0 (running guest)"), List.of("ip link set vnet0 master virbr0: busy"));
        robot.interact(() -> demo.window.notifier().error("The change failed", failed));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#partial-failure").tryQuery().isPresent());
        assertTrue(texts(robot, "#partial-reverted").contains("detach web1 from br0 (running guest)"));
        assertTrue(texts(robot, "#partial-not-reverted").contains("ip link set vnet0 master virbr0: busy"));
        assertTrue(robot.lookup("#partial-failure").queryAs(javafx.scene.control.DialogPane.class).getHeaderText()
                .contains("partly changed"));
        assertEquals(String.valueOf(before + 1), unread(robot), "and the log has it too");
        List<Notice> notices = demo.window.notifier().log().notices();
        assertEquals(Notice.Kind.PARTIAL_FAILURE, notices.get(notices.size() - 1).kind());
        // no timer closes it: it is still there once any toast would have faded
        robot.sleep(13, TimeUnit.SECONDS);
        assertTrue(robot.lookup("#partial-failure").query().getScene().getWindow().isShowing());
    }

    private static String unread(FxRobot robot) {
        return robot.lookup("#notices-unread").queryAs(Label.class).getText();
    }

    private static String texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + b + "\n");
    }
}
