package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.ui.canvas.HostFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A host of the fleet that goes down after it was drawn (its live updates lose the connection): its frame says
 * "down" and why at once, the others stay drawn, it is opened again in the background, waiting longer after each
 * failed try, and drawn again once it answers.
 */
@ExtendWith(ApplicationExtension.class)
class FleetHostLostTest {
    private static final String WHY = "libvirt closed the connection to qemu+ssh://root@kvm2/system (the daemon "
            + "stopped, or the link to it ended)";
    private TestWindow window;

    @Start
    void start(Stage stage) {
        window = new TestWindow(stage, java.util.Optional.empty());
    }

    @AfterEach
    void forget() {
        window.forget();
    }

    private static String words(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryLabeled().getText();
    }

    @Test
    void aHostLostAfterItWasDrawnIsShownDownTriedAgainAndDrawnAgainWhenItAnswers(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        fleet.release();
        AtomicReference<FleetTab> opened = new AtomicReference<>();
        robot.interact(() -> opened.set(FleetMenu.show(window.window, SimFleet.HOSTS, fleet::open,
                Duration.ofMillis(150))));
        FleetTab tab = opened.get();
        HostFrame kvm2 = tab.canvas().frame("kvm2").orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fleet.watched("kvm1") && fleet.watched("kvm2")
                && kvm2.hasGraph() && tab.canvas().frame("kvm1").orElseThrow().hasGraph());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, tab.canvas().segments().size());

        // what the frame says, as it says it: the first try again may come before the test looks
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#frame-message-kvm2").queryLabeled().textProperty()
                .addListener((o, was, now) -> said.add(now)));
        fleet.goDown("kvm2", WHY);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> kvm2.getStyleClass().contains("down"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(words(robot, "frame-state-kvm2").startsWith("down, next try in "), words(robot, "frame-state-kvm2"));
        assertEquals("down: " + WHY + ". kvm2 is opened again in the background and drawn again when it answers.",
                said.get(0));
        assertTrue(!kvm2.hasGraph(), "its last picture is not shown as if it were current");
        assertEquals("", words(robot, "frame-summary-kvm2"), "nor its counts");
        assertTrue(tab.canvas().frame("kvm1").orElseThrow().hasGraph(), "kvm1 stays drawn");
        assertEquals(List.of(), tab.canvas().segments(), "kvm2 shares no LAN while it is down");

        // tried again in the background; while it still refuses, the frame keeps saying down (not "unreachable")
        int before = fleet.opens("kvm2");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fleet.opens("kvm2") >= before + 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(kvm2.getStyleClass().contains("down"));
        assertTrue(words(robot, "frame-message-kvm2").startsWith("down: libvirt is not reachable at "),
                words(robot, "frame-message-kvm2"));

        fleet.comeBack("kvm2");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, kvm2::hasGraph);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("up", words(robot, "frame-state-kvm2"));
        assertTrue(kvm2.getStyleClass().contains("up") && !kvm2.getStyleClass().contains("down"));
        assertEquals(1, tab.canvas().segments().size(), "the shared LAN is drawn again");
    }

    @Test
    void eachFailedTryWaitsTwiceAsLongUpToACap() {
        Duration first = Duration.ofSeconds(5);
        assertEquals(List.of(5L, 10L, 20L, 40L, 40L, 40L), List.of(1, 2, 3, 4, 5, 40).stream()
                .map(tries -> FleetHosts.waitAfter(first, tries).toSeconds()).toList());
    }
}
