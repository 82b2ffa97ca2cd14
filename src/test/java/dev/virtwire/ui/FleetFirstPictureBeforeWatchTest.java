package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.log.Log;
import dev.virtwire.ui.canvas.HostFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * A Fleet tab's frame is drawn from its host's first read while the host's watch is still starting (held back here
 * until the test lets it), and the host is read again once the watch listens, as a host tab's is: a change made in
 * between is drawn, a live change told while that read runs is not undone by it, and a host lost while it runs stays
 * down, as does one lost while Refresh reads it. Where nothing is to be drawn, the test waits for {@code fleet timing
 * kvm2 read-again} (or {@code refresh}), logged once the read was handed on.
 */
@ExtendWith(ApplicationExtension.class)
@InTheLabsTurn // reads the process-wide log
class FleetFirstPictureBeforeWatchTest {
    /** nas's tap on kvm2, up in the simulated fleet. */
    private static final String TAP = "vnet3";
    private TestWindow window;
    private final StringWriter logged = new StringWriter();

    @Start
    void start(Stage stage) {
        window = new TestWindow(stage, Optional.empty());
        Log.echoTo(Optional.of(new PrintWriter(logged, true)));
    }

    @AfterEach
    void forget() {
        Log.echoTo(Optional.empty());
        window.forget();
    }

    private FleetTab openFleet(FxRobot robot, SimFleet fleet) {
        fleet.release();
        AtomicReference<FleetTab> tab = new AtomicReference<>();
        robot.interact(() -> tab.set(FleetMenu.show(window.window, SimFleet.HOSTS.subList(0, 2), fleet::open,
                Duration.ofMinutes(1))));
        return tab.get();
    }

    private static HostFrame kvm2(FleetTab tab) {
        return tab.canvas().frame("kvm2").orElseThrow();
    }

    /** Whether kvm2's frame draws its tap down. */
    private static boolean tapDrawnDown(FleetTab tab) {
        return kvm2(tab).canvas().diagram().node(key("link:" + TAP)).orElseThrow().style().contains("down");
    }

    /** kvm2 drawn from its first read, its watch held back, and its tap set down behind the window's back. */
    private FleetTab drawnThenChangedBeforeTheWatch(FxRobot robot, SimFleet fleet) throws Exception {
        SimFleet.Gate watch = fleet.holdWatch("kvm2");
        FleetTab tab = openFleet(robot, fleet);
        watch.awaitReached();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kvm2(tab).hasGraph());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tapDrawnDown(tab), "drawn from the first read while the watch still starts");
        fleet.host("kvm2").setLinkUp(TAP, false); // before the watch listens: no live update will tell it
        watch.open();
        return tab;
    }

    private void awaitReadAgainHandedOn() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> logged.toString().contains("fleet timing kvm2 read-again "));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aChangeMadeWhileTheWatchStartsIsDrawnOnceItListens(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        FleetTab tab = drawnThenChangedBeforeTheWatch(robot, fleet);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tapDrawnDown(tab));
        robot.interact(() -> assertFalse(tab.hostsUp().get("kvm2").link(TAP).orElseThrow().isUp()));
        awaitReadAgainHandedOn(); // the phase is timed for the bench

        fleet.host("kvm2").setLinkUp(TAP, true); // and live updates go on as before
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !tapDrawnDown(tab));
    }

    @Test
    void aLiveChangeToldWhileTheHostIsReadAgainIsNotUndoneByThatRead(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        SimFleet.Gate readAgain = fleet.holdReadAgain("kvm2");
        FleetTab tab = drawnThenChangedBeforeTheWatch(robot, fleet);
        readAgain.awaitReached(); // read with the tap down, not handed on yet
        fleet.host("kvm2").setLinkUp(TAP, true); // the watch listens: told live (the simulated host tells at once)
        readAgain.open();
        awaitReadAgainHandedOn();
        robot.interact(() -> assertTrue(tab.hostsUp().get("kvm2").link(TAP).orElseThrow().isUp(),
                "the older read is not shown over the live change"));
    }

    @Test
    void aHostLostWhileItIsReadAgainStaysDown(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        SimFleet.Gate readAgain = fleet.holdReadAgain("kvm2");
        FleetTab tab = drawnThenChangedBeforeTheWatch(robot, fleet);
        readAgain.awaitReached(); // a read that is news: the tap down
        fleet.goDown("kvm2", "libvirt closed the connection");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> kvm2(tab).getStyleClass().contains("down"));
        List<String> styles = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> kvm2(tab).getStyleClass().addListener((javafx.collections.ListChangeListener<String>)
                c -> styles.addAll(c.getList())));
        readAgain.open();
        awaitReadAgainHandedOn();
        assertTrue(kvm2(tab).getStyleClass().contains("down") && !kvm2(tab).hasGraph(), "still down");
        assertFalse(styles.contains("up"), "never drawn up again meanwhile: " + styles);
        robot.interact(() -> assertEquals(List.of("kvm1"), List.copyOf(tab.hostsUp().keySet())));
    }

    @Test
    void aHostLostWhileRefreshReadsItStaysDown(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        SimFleet.Gate refresh = fleet.holdRead("kvm2", 3);
        FleetTab tab = openFleet(robot, fleet);
        awaitReadAgainHandedOn(); // kvm2 is watched, and open to Refresh
        robot.interact(tab::refresh);
        refresh.awaitReached();
        fleet.goDown("kvm2", "libvirt closed the connection");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> kvm2(tab).getStyleClass().contains("down"));
        refresh.open();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> logged.toString().contains("fleet timing kvm2 refresh "));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(kvm2(tab).getStyleClass().contains("down") && !kvm2(tab).hasGraph(), "still down");
        robot.interact(() -> assertEquals(List.of("kvm1"), List.copyOf(tab.hostsUp().keySet())));
    }
}
