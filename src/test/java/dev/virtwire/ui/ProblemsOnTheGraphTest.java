package dev.virtwire.ui;

import static dev.virtwire.ui.TestWindow.shown;
import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Problems on the graph: marked after every update without asking, counted on the toolbar, listed by root cause
 * when asked, fixed from the list.
 */
@ExtendWith(ApplicationExtension.class)
class ProblemsOnTheGraphTest {
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
    void theGuestInTroubleIsMarkedAndListedWithoutAsking(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.canvas().skin(key("guest:mail")).orElseThrow()
                .getStyleClass().contains("trouble"));
        assertFalse(tab.canvas().skin(key("guest:web1")).orElseThrow().getStyleClass().contains("trouble"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#problem-tap-not-on-bridge-mail").isEmpty(), "the list opens when asked");
        String button = robot.lookup("#problems-button").queryButton().getText();
        assertEquals("Problems (" + tab.troubleshooting().problemCountProperty().get() + ")", button);
        robot.clickOn("#problems-button");
        assertTrue(shown(robot, "#problem-tap-not-on-bridge-mail").isPresent(), "listed under its root cause");
        assertTrue(tab.troubleshooting().problems().count() > 0);
    }

    @Test
    void aGuestInTheListShowsItsPathAndItsFixRepairsIt(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().problemCountProperty().get() > 0);
        robot.clickOn("#problems-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#problem-tap-not-on-bridge-mail")
                .isPresent());
        Node link = shown(robot, "#problem-tap-not-on-bridge-mail").orElseThrow();
        // fired, not clicked: the list is drawn again after every check, and a click can land between two lists
        robot.interact(() -> ((javafx.scene.control.Hyperlink) link).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("mail"));
        assertEquals(Optional.of(key("guest:mail")), tab.canvas().selected());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".box.path-bad").queryAll().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#problem-fix-tap-not-on-bridge-mail")
                .map(b -> {
                    robot.interact(() -> ((javafx.scene.control.Button) b).fire());
                    return true;
                }).orElse(false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#plan-apply").isPresent());
        robot.clickOn(shown(robot, "#plan-apply").orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#problem-tap-not-on-bridge-mail")
                .isEmpty() && tab.session().host().snapshot().link("vnet6").orElseThrow().master().isPresent());
    }

    @Test
    void aBadgeOnAGuestInTroubleOpensTheTroubleshooterForIt(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        String badge = "#badge-" + dev.virtwire.ui.canvas.NodeSkin.cssId(key("guest:mail"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, badge).isPresent());
        javafx.scene.control.Button mark = (javafx.scene.control.Button) shown(robot, badge).orElseThrow();
        assertTrue(mark.getStyleClass().contains("trouble"));
        assertEquals("mail has a problem: troubleshoot it", mark.getAccessibleText());
        assertTrue(shown(robot, "#badge-" + dev.virtwire.ui.canvas.NodeSkin.cssId(key("guest:web1"))).isEmpty(),
                "a guest without a problem has no badge");
        // fired, not clicked: the badges are placed again after every check, and a click can land between two
        robot.interact(mark::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("mail"));
        assertEquals(Optional.of(key("guest:mail")), tab.canvas().selected());
    }
}
