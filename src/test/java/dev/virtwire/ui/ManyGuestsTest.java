package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.ui.canvas.BigHost;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A host with 500 more guests: drawn quickly as groups, a group opens from the keyboard. */
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
        long start = System.nanoTime();
        HostTab[] tab = new HostTab[1];
        robot.interact(() -> tab[0] = demo.window.addTab(session));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab[0].drawnProperty().get());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "first picture after " + millis + " ms");
        assertTrue(tab[0].canvas().skin("group:network:default").isPresent(), "the NAT network's guests are a group");
        assertTrue(tab[0].canvas().skin("guest:scale-0042").isEmpty());

        robot.interact(() -> tab[0].canvas().skin("group:network:default").orElseThrow().requestFocus());
        robot.type(KeyCode.ENTER);
        waitFor(() -> tab[0].canvas().skin("guest:scale-0042").isPresent());
        robot.interact(() -> tab[0].canvas().fit());
        assertTrue(tab[0].canvas().zoomProperty().get() < 0.22, "500 guests in a row fit only far out");
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
