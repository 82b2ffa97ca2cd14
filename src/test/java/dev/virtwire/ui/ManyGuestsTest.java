package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.guestsOf;
import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.ui.canvas.BigHost;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.NodeSkin;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
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
 * A host with 500 more guests: drawn as groups, a group opens from the keyboard, and only the cards near the
 * view carry their full content (how fast is for GuiBench to measure, not for a test).
 */
@ExtendWith(ApplicationExtension.class)
class ManyGuestsTest {
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
    void fiveHundredGuestsAreGroupedAndAGroupOpens(FxRobot robot) throws Exception {
        demo.awaitDrawn();
        SimulatedHost big = new SimulatedHost(BigHost.withGuests(SimulatedHost.demo().snapshot(), 500));
        HostSession session = new HostSession(new HostAddress("big:///", new Target.Local()), big,
                Files.createTempDirectory("virtwire-big"));
        HostTab[] tab = new HostTab[1];
        robot.interact(() -> tab[0] = demo.window.addTab(session));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab[0].drawnProperty().get());
        assertTrue(tab[0].canvas().skin(guestsOf("network:default")).isPresent(),
                "the NAT network's guests are a group");
        assertTrue(tab[0].canvas().skin(key("guest:scale-0042")).isEmpty());

        robot.interact(() -> tab[0].canvas().skin(guestsOf("network:default")).orElseThrow().requestFocus());
        robot.type(KeyCode.ENTER);
        waitFor(() -> tab[0].canvas().skin(key("guest:scale-0042")).isPresent());
        GraphCanvas canvas = tab[0].canvas();
        long full = onFx(() -> guestCards(canvas).filter(ManyGuestsTest::showsContent).count());
        long cards = onFx(() -> guestCards(canvas).count());
        assertTrue(full > 0 && full < cards, full + " of " + cards + " guest cards show their content; only those near the"
                + " view should");

        // a card out of view gets its content, NIC ports included, when it is brought into view
        NodeSkin far = onFx(() -> guestCards(canvas).filter(s -> !showsContent(s)).findFirst().orElseThrow());
        robot.interact(() -> canvas.reveal(far.node().id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> showsContent(far)), far.node().id() + " shows only its name in view");
        BoxKey nic = far.node().nics().get(0).key();
        assertTrue(onFx(() -> far.port(nic).orElseThrow().getScene() != null), "its NIC port is drawn");

        robot.interact(canvas::fit);
        assertTrue(canvas.zoomProperty().get() < 0.22, "500 guests in a row fit only far out");
        assertEquals(0L, onFx(() -> guestCards(canvas).filter(ManyGuestsTest::showsContent).count()),
                "zoomed far out, cards show their names only");
    }

    private static Stream<NodeSkin> guestCards(GraphCanvas canvas) {
        return canvas.diagram().nodes().stream().filter(n -> n.kind() == DiagramNode.Kind.GUEST)
                .map(n -> canvas.skin(n.id()).orElseThrow());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static boolean showsContent(NodeSkin card) {
        return card.lookup(".box-title") != null;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
