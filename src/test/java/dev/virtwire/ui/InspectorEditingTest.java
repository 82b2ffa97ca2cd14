package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.canvas.NodeSkin;
import dev.virtwire.ui.inspector.Fact;
import dev.virtwire.ui.inspector.FactEdit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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

/** Facts an operation exists for are edited in the inspector, through the same plan and preview as the menus. */
@ExtendWith(ApplicationExtension.class)
class InspectorEditingTest {
    private static final String WEB1 = "web1";
    private static final String WEB1_MAC = "52:54:00:3a:10:01";
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
    void unpluggingANicInTheInspectorIsPreviewedAppliedAndShown(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#" + NodeSkin.cssId("nic:" + WEB1 + "/" + WEB1_MAC));
        ComboBox<String> link = robot.lookup("#fact-link").queryComboBox();
        robot.clickOn(link);
        await(link::isShowing);
        robot.clickOn(robot.lookup(".list-cell").<ListCell<String>>match(
                c -> "down".equals(((ListCell<?>) c).getText())).<ListCell<String>>query());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("virsh domif-setlink " + WEB1 + " " + WEB1_MAC + " down"), commands);
        robot.clickOn("#plan-apply");

        await(() -> !nic(tab).linkUp());
        await(() -> shown(tab, "link").equals("down"));
        assertEquals("down", robot.lookup("#fact-link").<ComboBox<String>>queryComboBox().getValue());
        assertEquals("default (network)", shown(tab, "source"), "the NIC stays on its network");
    }

    @Test
    void anMtuOutOfRangeIsRefusedWithTheRangeAndNothingChanges(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        HostSnapshot before = tab.session().host().snapshot();
        robot.clickOn("#" + NodeSkin.cssId("link:br0"));
        typeMtu(robot, "70000");
        await(() -> notified(robot, "70000 is not a valid MTU"));
        typeMtu(robot, "abc");
        await(() -> notified(robot, "not 'abc'"));

        assertTrue(robot.lookup("#plan-apply").tryQuery().isEmpty(), "no plan to preview");
        assertEquals(before.link("br0"), tab.session().host().snapshot().link("br0"), "the host is untouched");
        assertTrue(tab.editor().history().isEmpty());
        await(() -> shown(tab, "mtu").equals(String.valueOf(before.link("br0").orElseThrow().mtu().orElseThrow())));
    }

    /** A network's IPv6 prefix typed in the inspector is previewed (the network defined and restarted), applied, shown. */
    @Test
    void anIpv6PrefixTypedForANetworkIsPreviewedAppliedAndShown(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        robot.clickOn("#" + NodeSkin.cssId("network:default"));
        TextField field = robot.lookup("#fact-ip6").queryAs(TextField.class);
        robot.clickOn(field);
        // typed as a whole (the robot's keyboard has no ':'), committed as Enter commits it
        robot.interact(() -> {
            field.setText("fd00:122::1/64");
            field.fireEvent(new javafx.event.ActionEvent());
        });

        await(() -> robot.lookup("#plan-apply").tryQuery().isPresent() || notified(robot, "fd00:122::1/64"));
        assertTrue(robot.lookup("#plan-apply").tryQuery().isPresent(), () -> robot.lookup(".notification-bar .label")
                .queryAllAs(Label.class).stream().map(Label::getText).toList().toString());
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("virsh net-define") && commands.contains("net-start default"), commands);
        robot.clickOn("#plan-apply");

        await(() -> !tab.session().host().snapshot().network("default").orElseThrow().ips6().isEmpty());
        await(() -> shown(tab, "ip6").equals("fd00:122::1/64"));
        assertTrue(tab.inspector().shown().stream().anyMatch(f -> f.edit().map(FactEdit::id).filter("dhcp6"::equals)
                .isPresent()), "a DHCPv6 range can be typed next");
    }

    /** IPv4 forwarding turned off in the inspector "now and at every boot": the preview saves it in sysctl.d. */
    @Test
    void ipForwardingChosenForEveryBootIsSavedInSysctlD(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        assertEquals(Optional.of(true), tab.session().host().snapshot().kernel().ipForward(), "the demo forwards");
        robot.clickOn("#outside");
        ComboBox<String> forwarding = robot.lookup("#fact-ip-forward").queryComboBox();
        assertEquals(List.of("yes", "yes, and at every boot", "no, now and at every boot",
                "no, now only (gone after reboot)"), forwarding.getItems());
        robot.clickOn(forwarding);
        await(forwarding::isShowing);
        robot.clickOn(robot.lookup(".list-cell").<ListCell<String>>match(
                c -> "no, now and at every boot".equals(((ListCell<?>) c).getText())).<ListCell<String>>query());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("sysctl -w net.ipv4.ip_forward=0"), commands);
        assertTrue(commands.contains("/etc/sysctl.d/60-virtwire.conf") && commands.contains("net.ipv4.ip_forward = 0"),
                commands);
        robot.clickOn("#plan-apply");

        await(() -> tab.session().host().snapshot().kernel().ipForward().equals(Optional.of(false)));
        await(() -> shown(tab, "ip-forward").equals("no"));
        assertEquals(Optional.of("net.ipv4.ip_forward = 0"), tab.session().host().savedSysctls()
                .flatMap(f -> f.lines().filter(l -> l.startsWith("net.ipv4.ip_forward")).findFirst()));
    }

    /**
     * A link's own IPv4 forwarding offers the host-wide one's choices; "now and at every boot" is previewed with
     * the sysctl and the line saved in sysctl.d, applied and shown.
     */
    @Test
    void aLinksForwardingChosenForEveryBootIsSavedInSysctlD(FxRobot robot) throws TimeoutException {
        HostTab tab = demo.awaitDrawn();
        assertTrue(!tab.session().host().snapshot().kernel().notForwarding().contains("br0"), "br0 forwards");
        robot.clickOn("#" + NodeSkin.cssId("link:br0"));
        ComboBox<String> forwarding = robot.lookup("#fact-link-forward").queryComboBox();
        assertEquals(List.of("yes", "yes, and at every boot", "no, now and at every boot",
                "no, now only (gone after reboot)"), forwarding.getItems());
        robot.clickOn(forwarding);
        await(forwarding::isShowing);
        robot.clickOn(robot.lookup(".list-cell").<ListCell<String>>match(
                c -> "no, now and at every boot".equals(((ListCell<?>) c).getText())).<ListCell<String>>query());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TestWindow.shown(robot, "#plan-apply").isPresent());
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("sysctl -w net.ipv4.conf.br0.forwarding=0"), commands);
        assertTrue(commands.contains("/etc/sysctl.d/60-virtwire.conf")
                && commands.contains("net.ipv4.conf.br0.forwarding = 0"), commands);
        robot.clickOn("#plan-apply");

        await(() -> tab.session().host().snapshot().kernel().notForwarding().contains("br0"));
        await(() -> shown(tab, "link-forward").equals("no"));
        assertEquals(Optional.of("net.ipv4.conf.br0.forwarding = 0"), tab.session().host().savedSysctls()
                .flatMap(f -> f.lines().filter(l -> l.startsWith("net.ipv4.conf.br0")).findFirst()));
    }

    private static void typeMtu(FxRobot robot, String mtu) {
        TextField field = robot.lookup("#fact-mtu").queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(mtu).type(KeyCode.ENTER);
    }

    private static boolean notified(FxRobot robot, String words) {
        return robot.lookup(".notification-bar .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains(words));
    }

    /** The value the inspector shows for the editable fact with this edit id. */
    private static String shown(HostTab tab, String editId) {
        return tab.inspector().shown().stream()
                .filter(f -> f.edit().map(FactEdit::id).filter(editId::equals).isPresent())
                .map(Fact::value).findFirst().orElse("");
    }

    private static GuestNic nic(HostTab tab) {
        return tab.session().host().snapshot().guest(WEB1).orElseThrow().nic(WEB1_MAC).orElseThrow();
    }


    private static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
