package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.ui.canvas.FleetCanvas;
import dev.virtwire.ui.canvas.HostFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fleet on one canvas, on simulated hosts: a frame per host with its state, the LAN kvm1 and kvm2 share drawn
 * between their frames, a frame collapsed to its summary and back, search over every host, a host that hangs and
 * then fails shown as such while the others are drawn, a host lost after it was drawn shown down, tried again with
 * back-off and drawn again, and Troubleshoot… to a guest on another host.
 */
@ExtendWith(ApplicationExtension.class)
class FleetCanvasTest {
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

    private FleetTab openFleet(FxRobot robot, SimFleet fleet) {
        return openFleet(robot, fleet, Duration.ofMinutes(1));
    }

    /** @param retry how long kvm3 waits to be tried again */
    private FleetTab openFleet(FxRobot robot, SimFleet fleet, Duration retry) {
        AtomicReference<FleetTab> tab = new AtomicReference<>();
        robot.interact(() -> tab.set(FleetMenu.show(window.window, SimFleet.HOSTS, fleet::open, retry)));
        return tab.get();
    }

    /** The fleet with kvm1 and kvm2 drawn and kvm3 down. */
    private FleetTab drawnFleet(FxRobot robot) throws TimeoutException {
        SimFleet fleet = new SimFleet(false);
        fleet.release();
        FleetTab tab = openFleet(robot, fleet);
        awaitUp(tab, "kvm1", "kvm2");
        return tab;
    }

    private static HostFrame frame(FleetTab tab, String host) {
        return tab.canvas().frame(host).orElseThrow();
    }

    /** The words a frame's label shows, as a user reads them (frame-state-HOST, frame-summary-HOST). */
    private static String words(FleetTab tab, String id) {
        return ((javafx.scene.control.Labeled) tab.canvas().lookup("#" + id)).getText();
    }

    private static void awaitUp(FleetTab tab, String... hosts) throws TimeoutException {
        // the graph is drawn first, its problems counted after: the summary says so until then
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> List.of(hosts).stream()
                .allMatch(h -> !frame(tab, h).canvas().diagram().nodes().isEmpty()
                        && words(tab, "frame-summary-" + h).endsWith(" problems")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void eachHostIsAFrameAndTheirLanIsDrawnBetweenThemWhileAHangingHostHoldsUpNone(FxRobot robot)
            throws Exception {
        SimFleet fleet = new SimFleet(false);
        FleetTab tab = openFleet(robot, fleet, Duration.ofMillis(200));
        awaitUp(tab, "kvm1", "kvm2");
        assertEquals(List.of("kvm1", "kvm2", "kvm3"), tab.canvas().frames().stream().map(HostFrame::host).toList());
        assertEquals("up", words(tab, "frame-state-kvm2"));
        assertTrue(frame(tab, "kvm2").canvas().skin(key("guest:nas")).isPresent(), "kvm2's own graph is drawn");
        assertEquals("reading…", words(tab, "frame-state-kvm3"), "kvm3 still hangs while the others are drawn");

        FleetCanvas.Segment lan = tab.canvas().segments().get(0);
        assertEquals("segment:192.168.1.0/24", lan.node());
        assertEquals("LAN 192.168.1.0/24 via 192.168.1.1", lan.title(), "no trunk filters VLANs: none is named");
        assertEquals(List.of("kvm1", "kvm2"), List.copyOf(lan.hosts().keySet()));
        assertEquals("eth0 192.168.1.21/24", lan.hosts().get("kvm2"));
        assertTrue(TestWindow.shown(robot, "#segment_192_168_1_0_24").isPresent(), "the shared LAN's box is on show");

        fleet.release();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> words(tab, "frame-state-kvm3")
                .startsWith("unreachable, next try in"));
        // the state was seen from the test's thread: the frame's message is set in the same FX event, let it end
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#frame-message-kvm3").queryLabeled().getText().contains("connection timed out"));
        assertTrue(frame(tab, "kvm3").getStyleClass().contains("down"));
        assertEquals(1, tab.canvas().segments().size(), "kvm3 shares nothing it was not read on");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fleet.kvm3Tries() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(words(tab, "frame-state-kvm3").startsWith("unreachable"), "between tries kvm3 stays unreachable: "
                + words(tab, "frame-state-kvm3"));
    }

    @Test
    void openingAFleetListOfTwoHostsDrawsThemOnOneCanvas(FxRobot robot) throws Exception {
        FleetList list = new FleetList(window.configDir());
        list.add(new FleetEntry("kvm1", HostAddress.demo()));
        // a URI no libvirt driver takes: refused at once (by libvirt's client, or a daemon that has no such driver)
        list.add(new FleetEntry("kvm2", HostAddress.of("nosuchdriver:///system")));
        robot.interact(() -> FleetMenu.openFleet(window.window));
        // the list is read off the window's thread: the tab comes once it has been read
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.window.currentFleet().isPresent());
        FleetTab tab = window.window.currentFleet().orElseThrow();
        awaitUp(tab, "kvm1");
        assertEquals(1, window.window.tabs().getTabs().size(), "one tab for the fleet, none per host");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> frame(tab, "kvm2").getStyleClass().contains("down"));
        assertTrue(words(tab, "frame-state-kvm2").startsWith("unreachable"), words(tab, "frame-state-kvm2"));
        String why = robot.lookup("#frame-message-kvm2").queryLabeled().getText();
        assertTrue(why.startsWith("kvm2 cannot be read: ") && !why.contains("Exception"), why);
    }

    @Test
    void aFrameCollapsesToItsSummaryAndOpensAgain(FxRobot robot) throws Exception {
        FleetTab tab = drawnFleet(robot);
        HostFrame kvm2 = frame(tab, "kvm2");
        double open = kvm2.getHeight();
        robot.interact(() -> robot.lookup("#frame-toggle-kvm2").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(kvm2.collapsedProperty().get());
        assertFalse(kvm2.canvas().isVisible() && kvm2.canvas().getParent().isVisible(), "the graph is away");
        assertTrue(kvm2.getHeight() < 60, "one line: " + kvm2.getHeight() + " px (open: " + open + ")");
        assertEquals("12 guests · 7 networks · " + problems(tab, "kvm2") + " problems",
                words(tab, "frame-summary-kvm2"));
        assertTrue(frame(tab, "kvm1").getWidth() > kvm2.getWidth(), "kvm1 takes the room kvm2 left");

        robot.interact(() -> robot.lookup("#frame-toggle-kvm2").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(kvm2.collapsedProperty().get());
        assertEquals(open, kvm2.getHeight(), 1);
        assertTrue(kvm2.canvas().getParent().isVisible());
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String combo, String value) {
        ((ComboBox<String>) robot.lookup(combo).query()).setValue(value);
    }

    private static long problems(FleetTab tab, String host) {
        return new dev.virtwire.diagnose.Troubleshooter().checkAll(tab.hostsUp().get(host)).values().stream()
                .filter(java.util.Optional::isPresent).count();
    }

    @Test
    void searchFindsAGuestOnTheSecondHostAndSaysWhichHost(FxRobot robot) throws Exception {
        FleetTab tab = drawnFleet(robot);
        robot.interact(() -> frame(tab, "kvm2").collapsedProperty().set(true));
        robot.interact(() -> robot.lookup("#search").queryAs(TextField.class).setText("192.168.1.61"));
        WaitForAsyncUtils.waitForFxEvents();
        HostFrame kvm2 = frame(tab, "kvm2");
        assertFalse(kvm2.collapsedProperty().get(), "the frame that holds it opens");
        assertTrue(kvm2.canvas().skin(key("guest:nas")).orElseThrow().getStyleClass().contains("found"));
        assertTrue(frame(tab, "kvm1").canvas().diagram().nodes().stream()
                .map(n -> frame(tab, "kvm1").canvas().skin(n.id()).orElseThrow())
                .noneMatch(s -> s.getStyleClass().contains("found")), "kvm1's nas has another address");
        assertEquals(java.util.Optional.of(key("guest:nas")), kvm2.canvas().selected());
        String said = robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText();
        assertTrue(said.contains("1 found: nas on kvm2"), said);
    }

    @Test
    void troubleshootingAGuestOnAnotherHostMarksTheBrokenHopOnThatHost(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(true);
        fleet.release();
        FleetTab tab = openFleet(robot, fleet);
        awaitUp(tab, "kvm1", "kvm2");
        robot.interact(() -> window.window.askTroubleshoot());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            choose(robot, "#troubleshoot-host", "kvm1");
            choose(robot, "#troubleshoot-guest", "web1");
            choose(robot, "#troubleshoot-other-host", "kvm2");
            choose(robot, "#troubleshoot-other-guest", "nas");
        });
        // OK, as Enter or a click gives it (the robot's pointer takes seconds to travel there on a loaded machine)
        robot.interact(() -> ((javafx.scene.control.Button) ((javafx.scene.control.DialogPane) robot
                .lookup("#troubleshoot-dialog").query()).lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> frame(tab, "kvm2").getStyleClass().contains("broken"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(frame(tab, "kvm1").getStyleClass().contains("broken"));
        assertTrue(frame(tab, "kvm2").canvas().skin(key("link:vnet3")).orElseThrow().getStyleClass()
                .contains("path-bad"), "kvm2's tap is the broken hop");
        assertTrue(frame(tab, "kvm1").canvas().skin(key("link:eth0")).orElseThrow().getStyleClass()
                .contains("path-ok"), "web1 leaves kvm1 by its uplink");
        assertTrue(robot.lookup("#segment_192_168_1_0_24").query().getStyleClass().contains("path-ok"));
        String verdict = tab.troubleshooting().panel().verdictText();
        assertTrue(verdict.startsWith("kvm1:web1 → guest:kvm2:nas: NOT reachable"), verdict);
        assertTrue(verdict.contains("Broken at tap vnet3 on kvm2."), verdict);
        String path = robot.lookup("#findings-across-path").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(path.contains("kvm1, host NIC eth0 → the LAN between the hosts → ") && path.contains(
                "✗ kvm2, tap vnet3") && !path.contains("link:"), path);
        assertTrue(TestWindow.shown(robot, "#findings-across").isPresent(), "the evidence is beside the canvas");

        fleet.host("kvm2").setLinkUp("vnet3", true); // by hand, on kvm2: the question is asked again
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !frame(tab, "kvm2").getStyleClass().contains("broken"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tab.troubleshooting().panel().verdictText().contains("Broken at"),
                tab.troubleshooting().panel().verdictText());
    }

    @Test
    void aWalkThatFailsSaysWhyInPlaceOfWalking(FxRobot robot) throws Exception {
        FleetTab tab = drawnFleet(robot);
        // a guest gone between the question and the walk (deleted on kvm2 meanwhile)
        robot.interact(() -> tab.troubleshooting().troubleshoot("kvm1", "web1", "kvm2", "gone"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.troubleshooting().panel().verdictText()
                .startsWith("Could not walk"));
        String verdict = tab.troubleshooting().panel().verdictText();
        assertTrue(verdict.startsWith("Could not walk the path from kvm1:web1 to kvm2:gone: there is no guest named "
                + "'gone' on kvm2; its guests: ["), verdict);
        assertTrue(verdict.contains("nas"), verdict);
    }

    @Test
    void theToolbarZoomsEveryFrameAndSaysWhyTheHostOnlyButtonsAreOff(FxRobot robot) throws Exception {
        FleetTab tab = drawnFleet(robot);
        double zoom = frame(tab, "kvm1").canvas().zoomProperty().get();
        robot.interact(() -> window.window.zoomIn());
        assertTrue(frame(tab, "kvm1").canvas().zoomProperty().get() > zoom, "Zoom in zooms the frames' graphs");
        assertTrue(frame(tab, "kvm2").canvas().zoomProperty().get() > zoom);
        robot.interact(() -> window.window.zoomOut());
        assertEquals(zoom, frame(tab, "kvm1").canvas().zoomProperty().get(), 1e-6);

        javafx.scene.control.Button checkAll = robot.lookup("#check-all").queryButton();
        javafx.scene.control.Button problems = robot.lookup("#problems-button").queryButton();
        assertTrue(problems.isDisabled(), "one host's Problems list is off on the fleet");
        assertFalse(checkAll.isDisabled(), "Check all looks between the hosts on the fleet (FleetFixTest)");
        assertTrue(problems.getAccessibleText().startsWith("In the Fleet tab each frame counts its host's problems"),
                problems.getAccessibleText());
        long fleetProblems = problems(tab, "kvm1") + problems(tab, "kvm2");
        assertEquals("Problems (" + fleetProblems + ")", problems.getText(), "the count is the fleet's");
        // the menu items that act on one host's graph are off too, rather than doing nothing on the fleet
        for (String id : List.of("menu-export-png", "menu-export-svg", "menu-export-json",
                "menu-reset-layout")) {
            assertTrue(menuItem(robot, id).isDisable(), id + " is off on the fleet");
        }
    }

    private static javafx.scene.control.MenuItem menuItem(FxRobot robot, String id) {
        return robot.lookup("#main-menu").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void troubleshootingWithOneHostUpSaysSoInsteadOfAnEmptyDialog(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        AtomicReference<FleetTab> opened = new AtomicReference<>();
        robot.interact(() -> opened.set(FleetMenu.show(window.window, SimFleet.HOSTS, e -> {
            if (e.name().equals("kvm1")) {
                return fleet.open(e);
            }
            throw new IllegalStateException(e.name() + " refused the connection");
        }, Duration.ofMinutes(1))));
        awaitUp(opened.get(), "kvm1");
        robot.interact(() -> window.window.askTroubleshoot());
        assertTrue(robot.lookup("#troubleshoot-dialog").tryQuery().isEmpty(), "no dialog with nothing to choose");
        List<Notice> notices = window.window.notifier().log().notices();
        String said = notices.get(notices.size() - 1).message();
        assertTrue(said.startsWith("Troubleshooting across the fleet needs two hosts that are up (up now: 1)"), said);
    }

    @Test
    void theTroubleshootDialogSaysWhyItsOkIsOffWhenBothHostsAreTheSame(FxRobot robot) throws Exception {
        drawnFleet(robot);
        robot.interact(() -> window.window.askTroubleshoot());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane pane = robot.lookup("#troubleshoot-dialog").query();
        javafx.scene.Node ok = pane.lookupButton(javafx.scene.control.ButtonType.OK);
        assertFalse(ok.isDisabled(), "a guest of kvm1 and one of kvm2 come chosen");
        assertEquals("", robot.lookup("#troubleshoot-why").queryLabeled().getText());
        robot.interact(() -> choose(robot, "#troubleshoot-other-host", "kvm1"));
        assertTrue(ok.isDisabled());
        String why = robot.lookup("#troubleshoot-why").queryLabeled().getText();
        assertTrue(why.startsWith("Choose two different hosts"), why);
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL))
                .fire());
    }

    @Test
    void aFleetListThatChangedIsDrawnAnewAndTheSameOneShowsItsTab(FxRobot robot) {
        SimFleet fleet = new SimFleet(false);
        fleet.release();
        FleetTab first = openFleet(robot, fleet);
        AtomicReference<FleetTab> again = new AtomicReference<>();
        robot.interact(() -> again.set(FleetMenu.show(window.window, SimFleet.HOSTS, fleet::open, Duration.ofMinutes(1))));
        org.junit.jupiter.api.Assertions.assertSame(first, again.get(), "the same list: its tab is shown");
        List<FleetEntry> two = SimFleet.HOSTS.subList(0, 2); // as after a host was removed from the list
        robot.interact(() -> again.set(FleetMenu.show(window.window, two, fleet::open, Duration.ofMinutes(1))));
        assertEquals(two, again.get().hosts().entries());
        assertEquals(List.of(again.get()), window.window.tabs().getTabs(), "one Fleet tab, the new list's");
    }

    @Test
    void aHostLostAfterItWasDrawnIsShownDownTriedAgainAndDrawnAgainWhenItAnswers(FxRobot robot) throws Exception {
        SimFleet fleet = new SimFleet(false);
        fleet.release();
        FleetTab tab = openFleet(robot, fleet, Duration.ofMillis(150));
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
        assertTrue(words(tab, "frame-state-kvm2").startsWith("down, next try in "), words(tab, "frame-state-kvm2"));
        assertEquals("down: " + WHY + ". kvm2 is opened again in the background and drawn again when it answers.",
                said.get(0));
        assertTrue(!kvm2.hasGraph(), "its last picture is not shown as if it were current");
        assertEquals("", words(tab, "frame-summary-kvm2"), "nor its counts");
        assertTrue(tab.canvas().frame("kvm1").orElseThrow().hasGraph(), "kvm1 stays drawn");
        assertEquals(List.of(), tab.canvas().segments(), "kvm2 shares no LAN while it is down");

        // tried again in the background; while it still refuses, the frame keeps saying down (not "unreachable")
        int before = fleet.opens("kvm2");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fleet.opens("kvm2") >= before + 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(kvm2.getStyleClass().contains("down"));
        assertTrue(words(tab, "frame-message-kvm2").startsWith("down: libvirt is not reachable at "),
                words(tab, "frame-message-kvm2"));

        fleet.comeBack("kvm2");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, kvm2::hasGraph);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("up", words(tab, "frame-state-kvm2"));
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
