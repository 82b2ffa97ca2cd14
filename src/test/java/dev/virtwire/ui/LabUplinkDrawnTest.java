package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.NodeSkin;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab's way out on the window: its "physical" NICs are veths, and they used to sit in the row of taps while
 * the LAN/internet box floated unwired at the top. eth0 (the lab host's address and default route) and eth1
 * (br0's port to the LAN) are drawn as host NICs, and a line on the canvas runs from each to the outside box.
 */
@LabTest
@ExtendWith(ApplicationExtension.class)
class LabUplinkDrawnTest {
    private static final long WAIT_SECONDS = 60;
    private static final BoxKey OUTSIDE = key("outside");

    private final HostAddress address;
    private TestWindow test;

    LabUplinkDrawnTest(Lab lab) {
        this.address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    @Start
    void start(Stage stage) {
        test = new TestWindow(stage, address);
    }

    @Test
    void theOutsideIsDrawnConnectedToTheLabHostsNics(FxRobot robot) throws TimeoutException {
        HostTab tab = test.awaitDrawn(WAIT_SECONDS);
        for (String nic : List.of("eth0", "eth1")) {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> tab.canvas().skin(key("link:" + nic))
                    .isPresent() && tab.canvas().skin(OUTSIDE).isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            NodeSkin skin = tab.canvas().skin(key("link:" + nic)).orElseThrow();
            assertEquals(DiagramNode.Kind.HOST_NIC, skin.node().kind(), nic + " is a host NIC, not a tap");
            assertTrue(lineBetween(robot, skin, tab.canvas().skin(OUTSIDE).orElseThrow()),
                    "no line on the canvas from " + nic + " to the outside box; edges: " + tab.canvas().diagram().edges());
        }
        assertTrue(tab.canvas().skin(key("link:eth0")).orElseThrow().node().style().contains("uplink"),
                "eth0 carries the default route");
    }

    /** Whether one of the canvas's lines starts on the lower box and ends on the upper one (in the scene). */
    private static boolean lineBetween(FxRobot robot, Node lower, Node upper) {
        Bounds from = grown(lower.localToScene(lower.getBoundsInLocal()));
        Bounds to = grown(upper.localToScene(upper.getBoundsInLocal()));
        Set<Node> lines = robot.lookup(".edge-line").queryAll();
        return lines.stream().filter(CubicCurve.class::isInstance).map(CubicCurve.class::cast).anyMatch(c -> {
            Point2D a = c.localToScene(c.getStartX(), c.getStartY());
            Point2D b = c.localToScene(c.getEndX(), c.getEndY());
            return (from.contains(a) && to.contains(b)) || (from.contains(b) && to.contains(a));
        });
    }

    /** A line ends on a box's edge: a few pixels of slack around it. */
    private static Bounds grown(Bounds b) {
        return new javafx.geometry.BoundingBox(b.getMinX() - 4, b.getMinY() - 4, b.getWidth() + 8, b.getHeight() + 8);
    }
}
