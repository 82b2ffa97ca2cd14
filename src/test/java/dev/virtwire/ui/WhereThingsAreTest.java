package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.StackPane;
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
    /** The window's width on a first start (Settings), and Monocle's screen's. */
    private static final double DEFAULT_WIDTH = 1280;
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
    void toolbarButtonsHaveWordsAtTheDefaultWidthIconsWhenNarrowOrWhenTheUserChooses(FxRobot robot)
            throws TimeoutException {
        // a stage of its own, made at the default width: Monocle cannot paint a window grown after its first picture
        TestWindow window = TestWindow.onItsOwnStage(robot, java.util.Optional.of(dev.virtwire.host.HostAddress.demo()),
                DEFAULT_WIDTH);
        Stage wide = window.stage;
        try {
            window.awaitDrawn();
            WaitForAsyncUtils.waitForFxEvents();
            ToolBar bar = robot.from(wide.getScene().getRoot()).lookup("#toolbar").queryAs(ToolBar.class);
            assertEquals(DEFAULT_WIDTH, bar.getWidth(), 1);
            List<Button> buttons = bar.getItems().stream().flatMap(WhereThingsAreTest::buttons).toList();
            // the bell is the one that may stay an icon: its count says more than its word
            for (Button button : buttons.stream().filter(b -> !b.getId().equals("notices")).toList()) {
                assertEquals(ContentDisplay.LEFT, button.getContentDisplay(), button.getText() + ": worded at 1280 px");
                assertFalse(button.getText().isBlank());
            }
            Button troubleshoot = (Button) bar.lookup("#troubleshoot-button");
            assertEquals("Troubleshoot…", troubleshoot.getText());
            assertTrue(everythingOnTheBar(bar), "nothing in the overflow menu");

            robot.interact(() -> wide.setWidth(900));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(ContentDisplay.LEFT, troubleshoot.getContentDisplay(), "the troubleshooter keeps its word");
            assertEquals(ContentDisplay.GRAPHIC_ONLY, ((Button) bar.lookup("#zoom-in")).getContentDisplay(),
                    "narrow: zoom is an icon");
            assertTrue(everythingOnTheBar(bar), "narrow: still nothing in the overflow menu");

            robot.interact(() -> window.window.view().toolbarLabels().set(false));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(buttons.stream().allMatch(b -> b.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY),
                    "the user chose icons only");
            assertFalse(new ViewChoices(window.settings).toolbarLabels().get(), "the choice is remembered");
        } finally {
            window.closeOwnStage(robot);
        }
    }

    /** The buttons of a toolbar item (undo and redo sit in a wrapper that carries their tooltip). */
    private static Stream<Button> buttons(Node item) {
        return item instanceof Button b ? Stream.of(b) : item instanceof StackPane p
                ? p.getChildren().stream().filter(Button.class::isInstance).map(Button.class::cast) : Stream.empty();
    }

    /** Whether every item of the bar is inside its visible width (the overflow menu holds none). */
    private static boolean everythingOnTheBar(ToolBar bar) {
        return bar.getItems().stream().allMatch(n -> n.getScene() != null && n.isVisible()
                && n.localToScene(n.getBoundsInLocal()).getMaxX() <= bar.localToScene(bar.getBoundsInLocal()).getMaxX());
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
