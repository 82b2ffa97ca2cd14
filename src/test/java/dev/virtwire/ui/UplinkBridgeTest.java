package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.HistoryEntry;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.Link;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Changes on the uplink from the window. Bridging the host's own uplink: a risky plan, then a countdown the user
 * must confirm. "Put on a VLAN of the uplink" from a guest NIC's menu: one previewed plan, undone with Ctrl+Z.
 */
@ExtendWith(ApplicationExtension.class)
class UplinkBridgeTest {
    private static final String NIC = "nic:web1/52:54:00:3a:10:01";
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

    @Test
    void aGuestNicGoesOnVlan42ThroughANewVlanLinkAndBridgeAndBack(FxRobot robot) throws Exception {
        HostTab tab = demo.awaitDrawn();
        robot.rightClickOn("#" + NodeSkin.cssId(NIC));
        robot.clickOn("Put on a VLAN of the uplink…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#form-vlan").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#form-vlan").queryAs(TextField.class).setText("42"));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("ip link add link eth0 name eth0.42 type vlan id 42"), commands);
        robot.clickOn("#plan-apply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.editor().history().stream()
                .anyMatch(e -> e.status() == HistoryEntry.Status.APPLIED));
        assertEquals(Optional.of("br42"), nic(tab).source());
        assertEquals(Optional.of("br42"), tab.session().host().snapshot().link("eth0.42").flatMap(Link::master));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.editor().history().stream()
                .anyMatch(e -> e.status() == HistoryEntry.Status.UNDONE));
        assertEquals(Optional.of("default"), nic(tab).source());
        assertTrue(tab.session().host().snapshot().link("eth0.42").isEmpty(), "the VLAN link is gone again");
        assertTrue(tab.session().host().snapshot().link("br42").isEmpty(), "and its bridge");
    }

    private static GuestNic nic(HostTab tab) {
        return tab.session().host().snapshot().guest("web1").orElseThrow().nic("52:54:00:3a:10:01").orElseThrow();
    }
}
