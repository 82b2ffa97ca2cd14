package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Where things are: worded toolbar buttons, Troubleshoot… on the toolbar, side panels that take no room empty. */
@ExtendWith(ApplicationExtension.class)
class WhereThingsAreTest {
    private TestWindow demo;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        demo = new TestWindow(stage);
    }

    @AfterEach
    void forget(FxRobot robot) {
        robot.interact(() -> stage.setWidth(TestWindow.WIDTH)); // the stage outlives the test: as TestWindow made it
        demo.forget();
    }

    @Test
    void toolbarButtonsHaveWordsShownUnlessTheUserOrANarrowWindowWantsIconsOnly(FxRobot robot) throws TimeoutException {
        demo.awaitDrawn();
        Button troubleshoot = robot.lookup("#troubleshoot-button").queryButton();
        assertEquals("Troubleshoot…", troubleshoot.getText());
        // Monocle's screen (1280 px) is narrower than the words need: the window shows icons, the words are there
        assertEquals(ContentDisplay.GRAPHIC_ONLY, troubleshoot.getContentDisplay(), "icons only when narrow");
        assertTrue(Toolbar.WIDE_ENOUGH > TestWindow.WIDTH);
        robot.clickOn("View").clickOn("Toolbar labels");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ContentDisplay.GRAPHIC_ONLY, troubleshoot.getContentDisplay(), "the user chose icons only");
        assertFalse(new ViewChoices(demo.settings).toolbarLabels().get(), "the choice is remembered");
    }

    @Test
    void troubleshootOnTheToolbarAsksAboutTheSelectedGuest(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.interact(() -> tab.canvas().select(key("guest:mail")));
        robot.clickOn("#troubleshoot-button");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#troubleshoot-guest").tryQuery()
                .isPresent());
        assertEquals("mail", robot.lookup("#troubleshoot-guest").queryAs(ComboBox.class).getValue());
        robot.clickOn("#troubleshoot-to-lan").clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("mail") && tab.troubleshooting().panel().verdictText().contains("NOT reachable"));
    }

    /** The dialog takes internet6 and any address of either family; what is not an address cannot be asked. */
    @Test
    void troubleshootTakesAnIpv6AddressAndInternet6(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.interact(() -> tab.canvas().select(key("guest:mail")));
        robot.clickOn("#troubleshoot-button");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#troubleshoot-address").tryQuery()
                .isPresent());
        robot.clickOn("#troubleshoot-address").write("2001:db8::zz");
        Button ok = robot.lookup("#troubleshoot-dialog .button").match((Button b) -> b.getText().equals("OK"))
                .queryButton();
        assertTrue(ok.isDisabled(), "not an address: nothing to ask");
        robot.interact(() -> robot.lookup("#troubleshoot-address").queryAs(javafx.scene.control.TextField.class)
                .setText("2001:db8::10"));
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("2001:db8::10") && tab.troubleshooting().panel().verdictText().contains("NOT reachable"));

        robot.clickOn("#troubleshoot-button");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#troubleshoot-to-internet6").tryQuery()
                .isPresent());
        robot.clickOn("#troubleshoot-to-internet6").clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("internet6"));
    }

    @Test
    void emptyPanelsTakeNoRoomAndCanBeHidden(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        SplitPane split = (SplitPane) tab.getContent();
        assertFalse(split.getItems().contains(tab.side()), "nothing selected, no history: the canvas has the width");
        robot.interact(() -> tab.canvas().select(key("guest:web1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(split.getItems().contains(tab.side()) && tab.inspector().isVisible(), "a selection opens it");
        assertFalse(robot.lookup("#history-list").query().getParent().isVisible(), "the empty history takes no room");
        robot.interact(() -> demo.window.view().inspector().set(false));
        assertFalse(split.getItems().contains(tab.side()), "the user hid the inspector");
        assertFalse(new ViewChoices(demo.settings).inspector().get(), "the choice is remembered");
        robot.interact(() -> demo.window.view().inspector().set(true));
        assertTrue(split.getItems().contains(tab.side()));
    }

    @Test
    void theDemoHostSaysWhatToTryUntilDismissed(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        assertTrue(robot.lookup("#demo-hint").query().isVisible());
        robot.clickOn("#demo-hint-troubleshoot");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .contains("mail"));
        robot.clickOn("#demo-hint-dismiss");
        assertFalse(robot.lookup("#demo-hint").query().isVisible());
        assertFalse(new ViewChoices(demo.settings).demoHint().get(), "dismissed for good");
    }
}
