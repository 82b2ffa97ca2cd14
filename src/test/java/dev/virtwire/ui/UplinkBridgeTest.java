package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.HistoryEntry;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Bridging the host's own uplink: a risky plan, then a countdown the user must confirm. */
@ExtendWith(ApplicationExtension.class)
class UplinkBridgeTest {
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
    void bridgingTheUplinkWarnsCountsDownAndKeepsItWhenConfirmed(FxRobot robot) throws Exception {
        HostTab tab = demo.awaitDrawn();
        robot.rightClickOn("#" + NodeSkin.cssId("link:eth0"));
        robot.clickOn("Bridge this uplink (confirm or revert)…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#form-bridge").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#form-seconds").queryAs(TextField.class).setText("120"));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#plan-risky").tryQuery().isPresent());
        robot.clickOn("#plan-apply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-countdown").tryQuery()
                .map(n -> ((Label) n).getText().endsWith("s left")).orElse(false));
        robot.clickOn("Keep the change");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.editor().history().stream()
                .anyMatch(e -> e.status() == HistoryEntry.Status.APPLIED));
        assertEquals(Optional.of("br-eth0"), tab.session().host().snapshot().link("eth0").orElseThrow().master());
        assertTrue(tab.session().host().snapshot().link("br-eth0").isPresent());
    }
}
