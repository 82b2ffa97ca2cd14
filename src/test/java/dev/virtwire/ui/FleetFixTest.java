package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.host.HostAddress;
import dev.virtwire.ui.canvas.HostFrame;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fixes from the Fleet tab's troubleshooter: the broken hop's Fix is previewed with its commands, made on the host the
 * hop is on and kept in that host's history, and the path is walked again; a frame's menu opens its host in a tab.
 */
@ExtendWith(ApplicationExtension.class)
class FleetFixTest {
    private TestWindow window;

    @Start
    void start(Stage stage) {
        window = new TestWindow(stage, Optional.empty());
    }

    @AfterEach
    void forget() {
        window.forget();
    }

    private FleetTab drawn(FxRobot robot, SimFleet fleet) throws Exception {
        fleet.release();
        AtomicReference<FleetTab> tab = new AtomicReference<>();
        robot.interact(() -> tab.set(FleetMenu.show(window.window, SimFleet.HOSTS, fleet::open, Duration.ofMinutes(1))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> List.of("kvm1", "kvm2").stream()
                .allMatch(h -> tab.get().canvas().frame(h).orElseThrow().hasGraph()));
        WaitForAsyncUtils.waitForFxEvents();
        return tab.get();
    }

    /** Looked up on the FX thread: the panel is rebuilt there as hosts are checked again, mid-lookup otherwise. */
    private static Optional<Node> node(FxRobot robot, String idStart) {
        return WaitForAsyncUtils.waitForAsyncFx(5000, () -> robot.lookup(n -> n.getId() != null
                && n.getId().startsWith(idStart) && n.isVisible()).tryQuery());
    }

    @Test
    void theBrokenHopsFixIsPreviewedMadeOnItsHostKeptInItsHistoryAndThePathWalkedAgain(FxRobot robot)
            throws Exception {
        SimFleet fleet = new SimFleet(true);
        FleetTab tab = drawn(robot, fleet);
        HostFrame kvm2 = tab.canvas().frame("kvm2").orElseThrow();
        robot.interact(() -> tab.troubleshooting().troubleshoot("kvm1", "web1", "kvm2", "nas"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kvm2.getStyleClass().contains("broken")
                && node(robot, "fix-kvm2-").isPresent());
        assertFalse(node(robot, "fix-kvm1-").isPresent(), "kvm1 has nothing to fix on this path");
        robot.interact(() -> ((Button) node(robot, "fix-kvm2-").orElseThrow()).fire());
        // the preview a host tab shows: the exact command, before anything is done
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-commands").isPresent());
        String commands = TestWindow.shown(robot, "#plan-commands").map(n -> ((javafx.scene.control.TextInputControl) n)
                .getText()).orElseThrow();
        assertTrue(commands.contains("ip link set dev vnet3 up"), commands);
        assertEquals("Set vnet3 up, on kvm2", robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText(), "the preview says which host it runs on");
        assertFalse(fleet.host("kvm2").snapshot().link("vnet3").orElseThrow().adminUp(), "nothing done before Apply");

        robot.interact(() -> ((Button) TestWindow.shown(robot, "#plan-apply").orElseThrow()).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !kvm2.getStyleClass().contains("broken"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fleet.host("kvm2").snapshot().link("vnet3").orElseThrow().adminUp(), "made on kvm2");
        String verdict = tab.troubleshooting().panel().verdictText();
        assertTrue(verdict.startsWith("kvm1:web1 → guest:kvm2:nas: ") && !verdict.contains("Broken at"), verdict);

        // in the host's history, where its own tab (and virtwire undo) finds it
        try (Changes history = new Changes(fleet.host("kvm2"), HostAddress.demo(), window.stateDir())) {
            HistoryEntry last = history.history().get(history.history().size() - 1);
            assertTrue(last.commands().stream().anyMatch(c -> c.contains("ip link set dev vnet3 up")), last.toString());
        }
    }

    @Test
    void checkAllFindsRogueDhcpBetweenTheHostsWhoseFixIsPreviewedMadeOnItsHostAndUndone(FxRobot robot)
            throws Exception {
        SimFleet fleet = new SimFleet(SimFleet.ROGUE_DHCP_ON_KVM2);
        FleetTab tab = drawn(robot, fleet);
        Button checkAll = robot.lookup("#check-all").queryButton();
        assertFalse(checkAll.isDisabled(), "Check all looks between the hosts on the Fleet tab");
        assertEquals("Check between the hosts", checkAllItem(robot).getText(), "the menu says what it does here");
        assertEquals("Check between the hosts (Ctrl+Shift+C)", checkAll.getAccessibleText(), "so does its tooltip");
        robot.interact(checkAll::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node(robot, "fix-between-kvm2-rogue-dhcp").isPresent());
        String verdict = tab.between().panel().verdictText();
        assertTrue(verdict.endsWith("problems between the 2 hosts that are up."), verdict);
        assertFalse(node(robot, "fix-between-kvm1-").isPresent(), "kvm1 serves no DHCP onto the LAN");
        assertTrue(((Button) node(robot, "fix-between-kvm2-rogue-dhcp").orElseThrow()).getText().startsWith(
                "Fix: Take port eth1 off bridge virbr0 on kvm2"));
        assertTrue(node(robot, "finding-duplicate-mac-").isPresent() && node(robot, "fix-between-kvm2-duplicate-mac")
                .isPresent(), "the clones' MACs are listed, each with a fix on the host that sorts last");
        // where each is, in words: the host, then the thing as the window names it (no ids)
        assertTrue(lines(robot, "finding-rogue-dhcp-").contains("Where: kvm2, network default"),
                () -> lines(robot, "finding-rogue-dhcp-").toString());
        List<String> clones = lines(robot, "finding-duplicate-mac-");
        assertTrue(clones.stream().anyMatch(l -> l.matches("Where: kvm1, guest \\S+ NIC 52:54:00:3a:10:\\w\\w")),
                clones::toString);
        assertTrue(clones.stream().noneMatch(l -> l.contains("nic:") || l.contains("network:")), clones::toString);

        robot.interact(() -> ((Button) node(robot, "fix-between-kvm2-rogue-dhcp").orElseThrow()).fire());
        // the preview a host tab shows: the exact command, and the host it runs on, before anything is done
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-commands").isPresent());
        String commands = TestWindow.shown(robot, "#plan-commands").map(n -> ((javafx.scene.control.TextInputControl) n)
                .getText()).orElseThrow();
        assertTrue(commands.contains("ip link set dev eth1 nomaster"), commands);
        String header = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getHeaderText();
        assertTrue(header.startsWith("Release eth1 from its bridge") && header.endsWith(", on kvm2"), header);
        assertEquals(Optional.of("virbr0"), master(fleet, "eth1"), "nothing done before Apply");

        robot.interact(() -> ((Button) TestWindow.shown(robot, "#plan-apply").orElseThrow()).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> master(fleet, "eth1").isEmpty()
                && !node(robot, "fix-between-kvm2-rogue-dhcp").isPresent()
                && node(robot, "finding-duplicate-mac-").isPresent());
        assertFalse(node(robot, "finding-rogue-dhcp-").isPresent(), "checked again after the fix: gone");

        // the Fleet tab's Undo takes it back on kvm2, from kvm2's own history, and the finding is back
        Button undo = robot.lookup("#undo").queryButton();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !undo.isDisabled());
        robot.interact(undo::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> master(fleet, "eth1").equals(Optional.of("virbr0"))
                && node(robot, "fix-between-kvm2-rogue-dhcp").isPresent());
        try (Changes history = new Changes(fleet.host("kvm2"), HostAddress.demo(), window.stateDir())) {
            HistoryEntry last = history.history().get(history.history().size() - 1);
            assertTrue(last.commands().contains("ip link set dev eth1 nomaster"), last.toString());
            assertEquals(HistoryEntry.Status.UNDONE, last.status(), last.toString());
        }
    }

    @Test
    void checkAllFindsACloneOnBothHostsWhoseNewMacIsPreviewedMadeOnTheSecondHostAndUndone(FxRobot robot)
            throws Exception {
        SimFleet fleet = new SimFleet(false);
        drawn(robot, fleet);
        robot.interact(robot.lookup("#check-all").queryButton()::fire);
        String nas = "52:54:00:3a:10:04";
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cloneFix(robot, nas).isPresent());
        Button fix = cloneFix(robot, nas).orElseThrow();
        assertEquals("fix-between-kvm2-duplicate-mac", fix.getId());
        assertTrue(fix.getText().startsWith("Fix: Give nas's NIC " + nas + " on kvm2 the new MAC 52:54:00:")
                && fix.getText().endsWith(": nas is running, so the NIC is unplugged and plugged in again (the guest "
                + "sees it, and asks for a DHCP lease as a new client)"), fix.getText());

        robot.interact(fix::fire);
        // the preview says, before anything is done, that the running guest's NIC is unplugged and plugged in again
        String newMac = replugPreviewed(robot, nas, "kvm2");
        assertTrue(nasNic(fleet, nas), "nothing done before Apply");

        robot.interact(() -> ((Button) TestWindow.shown(robot, "#plan-apply").orElseThrow()).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nasNic(fleet, newMac) && cloneFix(robot, nas).isEmpty()
                && node(robot, "finding-duplicate-mac-").isPresent());
        assertTrue(!nasNic(fleet, nas), "made on kvm2");
        assertTrue(fleet.host("kvm1").snapshot().guest("nas").orElseThrow().nic(nas).isPresent(), "kvm1's nas as it was");

        // the Fleet tab's Undo gives nas its old MAC back on kvm2, and the finding is back
        Button undo = robot.lookup("#undo").queryButton();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !undo.isDisabled());
        robot.interact(undo::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nasNic(fleet, nas) && cloneFix(robot, nas).isPresent());
        assertTrue(!nasNic(fleet, newMac));
    }

    @Test
    void theOtherCloneCanBeChosenOnItsCardAndGetsItsNewMacOnItsOwnHostPreviewedMadeAndUndone(FxRobot robot)
            throws Exception {
        SimFleet fleet = new SimFleet(false);
        drawn(robot, fleet);
        robot.interact(robot.lookup("#check-all").queryButton()::fire);
        String nas = "52:54:00:3a:10:04";
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cloneFixOn(robot, nas, "kvm1").isPresent());
        assertEquals(List.of("fix-between-kvm2-duplicate-mac", "fix-instead-kvm1-duplicate-mac"),
                cloneFixes(robot, nas).stream().map(Button::getId).toList(),
                "the fix offered (kvm2 sorts last), then the same on the other host holding the MAC");
        Button kvm1 = cloneFixOn(robot, nas, "kvm1").orElseThrow();
        assertEquals("Or give nas on kvm1 a new MAC instead (it runs: its NIC is unplugged and plugged in again)",
                kvm1.getText());
        assertTrue(kvm1.getTooltip().getText().startsWith("Give nas's NIC " + nas + " on kvm1 the new MAC 52:54:00:"),
                kvm1.getTooltip().getText());

        robot.interact(kvm1::fire);
        // the preview: kvm1's nas unplugged and plugged in again, said before anything is done, and on which host
        String newMac = replugPreviewed(robot, nas, "kvm1");
        assertTrue(nasNic(fleet, "kvm1", nas), "nothing done before Apply");

        robot.interact(() -> ((Button) TestWindow.shown(robot, "#plan-apply").orElseThrow()).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nasNic(fleet, "kvm1", newMac)
                && cloneFix(robot, nas).isEmpty() && node(robot, "finding-duplicate-mac-").isPresent());
        assertFalse(nasNic(fleet, "kvm1", nas), "made on kvm1");
        assertTrue(nasNic(fleet, "kvm2", nas) && !nasNic(fleet, "kvm2", newMac), "kvm2's nas as it was");

        // the Fleet tab's Undo acts on kvm1, fixed last: nas there has its old MAC back, and the finding is back
        Button undo = robot.lookup("#undo").queryButton();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !undo.isDisabled());
        robot.interact(undo::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nasNic(fleet, "kvm1", nas)
                && cloneFixOn(robot, nas, "kvm1").isPresent());
        assertFalse(nasNic(fleet, "kvm1", newMac));
        assertTrue(nasNic(fleet, "kvm2", nas), "kvm2 untouched by the undo too");
    }

    /** The Fix button of the duplicate-mac card about this MAC, when listed. */
    private static Optional<Button> cloneFix(FxRobot robot, String mac) {
        return WaitForAsyncUtils.waitForAsyncFx(5000, () -> cloneFixesNow(robot, mac).stream().findFirst());
    }

    /** The button of the duplicate-mac card about this MAC that gives the new MAC on that host instead. */
    private static Optional<Button> cloneFixOn(FxRobot robot, String mac, String host) {
        return cloneFixes(robot, mac).stream().filter(b -> ("fix-instead-" + host + "-duplicate-mac")
                .equals(b.getId())).findFirst();
    }

    /** All the fix buttons of the duplicate-mac card about this MAC, in their order on the card. */
    private static List<Button> cloneFixes(FxRobot robot, String mac) {
        return WaitForAsyncUtils.waitForAsyncFx(5000, () -> cloneFixesNow(robot, mac));
    }

    private static List<Button> cloneFixesNow(FxRobot robot, String mac) {
        return robot.lookup(n -> n instanceof javafx.scene.control.TitledPane t && t.getId() != null
                        && t.getId().startsWith("finding-duplicate-mac-") && t.getText().contains(mac)).queryAll()
                .stream().findFirst().map(t -> ((javafx.scene.layout.VBox) ((javafx.scene.control.TitledPane) t)
                        .getContent()).getChildren().stream().filter(Button.class::isInstance).map(Button.class::cast)
                        .toList()).orElse(List.of());
    }

    private static boolean nasNic(SimFleet fleet, String mac) {
        return nasNic(fleet, "kvm2", mac);
    }

    private static boolean nasNic(SimFleet fleet, String host, String mac) {
        return fleet.host(host).snapshot().guest("nas").orElseThrow().nic(mac).isPresent();
    }

    /** The lines of a finding's card in the panel (the first whose id starts so). */
    private static List<String> lines(FxRobot robot, String idStart) {
        javafx.scene.control.TitledPane card = (javafx.scene.control.TitledPane) node(robot, idStart).orElseThrow();
        return ((javafx.scene.layout.VBox) card.getContent()).getChildren().stream()
                .filter(javafx.scene.control.Label.class::isInstance)
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
    }

    private static Optional<String> master(SimFleet fleet, String link) {
        return fleet.host("kvm2").snapshot().link(link).orElseThrow().master();
    }

    @Test
    void aFramesMenuOpensItsHostInATabOfItsOwn(FxRobot robot) throws Exception {
        FleetTab tab = drawn(robot, new SimFleet(false));
        HostFrame kvm1 = tab.canvas().frame("kvm1").orElseThrow();
        robot.interact(() -> {
            javafx.geometry.Point2D at = kvm1.localToScreen(20, 10);
            kvm1.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 10, at.getX(), at.getY(),
                    false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        MenuItem open = javafx.stage.Window.getWindows().stream().filter(ContextMenu.class::isInstance)
                .flatMap(w -> ((ContextMenu) w).getItems().stream()).filter(i -> "frame-open-kvm1".equals(i.getId()))
                .findFirst().orElseThrow();
        assertEquals("Open in a tab", open.getText());
        robot.interact(open::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.window.tabs().getTabs().stream()
                .anyMatch(t -> t instanceof HostTab h && h.session().address().equals(HostAddress.demo())));
        assertEquals(2, window.window.tabs().getTabs().size(), "the fleet's tab and kvm1's");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.window.currentTab().isPresent());
        assertEquals("Check all guests", checkAllItem(robot).getText(), "on a host's tab, its guests one by one");
        robot.interact(() -> window.window.tabs().getSelectionModel().select(tab));
        assertEquals("Check between the hosts", checkAllItem(robot).getText());
    }

    /** Edit › Check all…, as the menu bar has it. */
    private static MenuItem checkAllItem(FxRobot robot) {
        return robot.lookup("#main-menu").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> "menu-check-all".equals(i.getId())).findFirst()
                .orElseThrow();
    }

    /**
     * The preview of nas's new MAC on HOST: its commands unplug and plug the running NIC in again, and its header
     * says so and names the host; the new MAC it gives.
     */
    private static String replugPreviewed(FxRobot robot, String nas, String host) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-commands").isPresent());
        String commands = TestWindow.shown(robot, "#plan-commands").map(n -> ((javafx.scene.control.TextInputControl) n)
                .getText()).orElseThrow();
        assertTrue(commands.startsWith("virsh detach-interface nas bridge --mac " + nas + " --live\n"
                + "virsh attach-device nas /dev/stdin --live\n"), commands);
        String newMac = commands.replaceAll("(?s).*<mac address=\"([0-9a-f:]{17})\"/>.*", "$1");
        String header = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getHeaderText();
        assertEquals("Give nas's NIC " + nas + " the new MAC " + newMac + " (nas runs: its NIC is unplugged and "
                + "plugged in again), on " + host, header);
        return newMac;
    }
}
