package dev.virtwire.ui;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.HistoryEntry;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.LibvirtXml;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.NicType;
import dev.virtwire.ui.canvas.DiagramEdge;
import dev.virtwire.ui.canvas.NodeSkin;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The window's drag of a guest NIC onto a bridge, on the lab's real libvirtd: the running guest's live and
 * persistent libvirt XML both change, the canvas follows, and Ctrl+Z puts both back on the NAT network.
 */
@LabTest
@ExtendWith(ApplicationExtension.class)
class LabDragTest {
    private static final String GUEST = "g1";
    private static final String NAT_NETWORK = "default";
    private static final String BRIDGE = "br0";
    /** The lab host is a shared 2-core machine running TCG guests: reads and changes take seconds, not millis. */
    private static final long WAIT_SECONDS = 60;

    private final Lab lab;
    private final HostAddress address;
    private final CommandRunner virsh = new CommandRunner(new Target.Local(), Duration.ofSeconds(60));
    private TestWindow test;
    private MainWindow window;

    LabDragTest(Lab lab) {
        this.lab = lab;
        this.address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    @Start
    void start(Stage stage) {
        test = new TestWindow(stage, address); // File › Open of a libvirt URI, with the lab's namespace as target
        window = test.window;
    }

    @Test
    void draggingG1sNicOntoBr0ChangesTheRealGuestAndUndoPutsItBack(FxRobot robot) throws TimeoutException {
        CommandResult state = virsh.run(List.of("virsh", "-c", lab.uri(), "domstate", GUEST));
        assertEquals("running", state.stdout().strip(), () -> "the lab's g1 must be running (is another test run "
                + "taking the lab down?): " + state);
        Nic live = nic(dumpxml(false));
        Nic persistent = nic(dumpxml(true));
        assertEquals(new Nic(live.mac(), "network", NAT_NETWORK), live, "the lab's g1 must start on " + NAT_NETWORK
                + " (live XML)");
        assertEquals(live, persistent, "the lab's g1 must start on " + NAT_NETWORK + " (persistent XML)");
        String mac = live.mac();
        String nicBox = "nic:" + GUEST + "/" + mac;

        HostTab tab = test.awaitLive(WAIT_SECONDS);
        await("g1's NIC port and the box of " + BRIDGE + " on the canvas", () -> tab.canvas()
                .skin(key("guest:" + GUEST)).isPresent() && robot.lookup("#" + NodeSkin.cssId(nicBox)).tryQuery().isPresent()
                && tab.canvas().skin(key("link:" + BRIDGE)).isPresent(), () -> boxes(tab));
        await("g1's tap wired to " + NAT_NETWORK, () -> canvasWires(tab, mac, "network:" + NAT_NETWORK),
                () -> wires(tab));

        robot.drag("#" + NodeSkin.cssId(nicBox)).dropTo("#" + NodeSkin.cssId("link:" + BRIDGE));
        await("the plan preview", () -> robot.lookup("#plan-apply").tryQuery().isPresent(), () -> "no #plan-apply");
        String commands = robot.lookup("#plan-commands").queryAs(TextArea.class).getText();
        assertTrue(commands.contains("virsh update-device " + GUEST + " ") && commands.contains(mac)
                && commands.contains(BRIDGE), commands);
        robot.clickOn("#plan-apply");

        await("the change applied", () -> lastChangeIs(tab, HistoryEntry.Status.APPLIED), () -> history(tab));
        Nic bridged = new Nic(mac, "bridge", BRIDGE);
        assertEquals(bridged, nic(dumpxml(false)), "live XML after apply");
        assertEquals(bridged, nic(dumpxml(true)), "persistent XML after apply");
        await("the window's snapshot shows g1 bridged", () -> nicInSession(tab, mac).type() == NicType.BRIDGE,
                () -> nicInSession(tab, mac).toString());
        await("g1's tap wired to " + BRIDGE, () -> canvasWires(tab, mac, "link:" + BRIDGE), () -> wires(tab));

        await("undo enabled", () -> !window.undoDisabled().get(), () -> window.undoBlocked().get());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

        await("the change undone", () -> lastChangeIs(tab, HistoryEntry.Status.UNDONE), () -> history(tab));
        Nic back = new Nic(mac, "network", NAT_NETWORK);
        assertEquals(back, nic(dumpxml(false)), "live XML after undo");
        assertEquals(back, nic(dumpxml(true)), "persistent XML after undo");
        await("the window's snapshot shows g1 on " + NAT_NETWORK, () -> nicInSession(tab, mac).type()
                == NicType.NETWORK, () -> nicInSession(tab, mac).toString());
        await("g1's tap wired to " + NAT_NETWORK, () -> canvasWires(tab, mac, "network:" + NAT_NETWORK),
                () -> wires(tab));
    }

    /** Leaves the lab as it was: the window lets go of the host, and g1 is put back on the NAT network if needed. */
    @AfterEach
    void leaveTheLabAsFound() throws TimeoutException {
        try {
            if (window != null) {
                awaitQuietly(() -> window.currentTab().map(t -> !t.editor().busyProperty().get()).orElse(true));
                List<HostSession> sessions = new ArrayList<>();
                WaitForAsyncUtils.waitForAsyncFx(10_000, () -> sessions.addAll(window.sessions()));
                sessions.forEach(HostSession::close);
            }
            restoreG1(false);
            restoreG1(true);
        } finally {
            if (test != null) {
                test.forget();
            }
        }
    }

    /** Puts g1's NIC back on the NAT network in the live (false) or persistent (true) config when it is elsewhere. */
    private void restoreG1(boolean persistent) {
        Nic now = nic(dumpxml(persistent));
        if (now.type().equals("network") && now.source().equals(NAT_NETWORK)) {
            return;
        }
        GuestNic onNat = new GuestNic(now.mac(), Optional.of("virtio"), NicType.NETWORK, Optional.of(NAT_NETWORK),
                Optional.empty(), Optional.empty(), true, List.of(), List.of());
        CommandResult r = virsh.run(List.of("virsh", "-c", lab.uri(), "update-device", GUEST, "/dev/stdin",
                persistent ? "--config" : "--live"), LibvirtXml.nicInterface(onNat));
        assertTrue(r.ok(), () -> "could not put g1 back on " + NAT_NETWORK + ": " + r);
        assertEquals(new Nic(now.mac(), "network", NAT_NETWORK), nic(dumpxml(persistent)),
                "g1 after restoring it (" + (persistent ? "persistent" : "live") + " XML)");
    }



    /** The real guest's XML, read with virsh (argv, no shell): live, or persistent with --inactive. */
    private String dumpxml(boolean persistent) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", lab.uri(), "dumpxml", GUEST));
        if (persistent) {
            argv.add("--inactive");
        }
        CommandResult r = virsh.run(argv);
        assertTrue(r.ok(), () -> "virsh dumpxml failed: " + r);
        return r.stdout();
    }

    /** A guest's only {@code <interface>}: its type, MAC and source (network or bridge name). */
    private record Nic(String mac, String type, String source) {
    }

    private static Nic nic(String domainXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element domain = factory.newDocumentBuilder().parse(new InputSource(new StringReader(domainXml)))
                    .getDocumentElement();
            NodeList interfaces = domain.getElementsByTagName("interface");
            assertEquals(1, interfaces.getLength(), () -> "g1's interfaces in\n" + domainXml);
            Element nic = (Element) interfaces.item(0);
            Element source = child(nic, "source");
            String onto = source.hasAttribute("network") ? source.getAttribute("network") : source.getAttribute("bridge");
            return new Nic(child(nic, "mac").getAttribute("address"), nic.getAttribute("type"), onto);
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError("virsh dumpxml printed no domain XML:\n" + domainXml, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element child(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        if (found.getLength() == 0) {
            throw new AssertionError("<interface> has no <" + name + ">");
        }
        return (Element) found.item(0);
    }

    private static GuestNic nicInSession(HostTab tab, String mac) {
        return tab.session().snapshot().guest(GUEST).orElseThrow().nic(mac).orElseThrow();
    }

    /** The window's history holds one change (this test's), with the given status. */
    private static boolean lastChangeIs(HostTab tab, HistoryEntry.Status status) {
        List<HistoryEntry> history = List.copyOf(tab.editor().history());
        return !tab.editor().busyProperty().get() && history.size() == 1 && history.get(0).status() == status;
    }

    /** The canvas draws g1's tap wired to the given box. */
    private static boolean canvasWires(HostTab tab, String mac, String to) {
        Optional<String> tap = nicInSession(tab, mac).target();
        return tap.isPresent() && tab.canvas().diagram().edges().stream().anyMatch(e -> e.from().equals(key("link:"
                + tap.get())) && e.to().equals(key(to)) && e.style() == DiagramEdge.Style.WIRE);
    }

    private static String boxes(HostTab tab) {
        return "boxes: " + tab.canvas().diagram().nodes().stream().map(n -> n.id()).toList();
    }

    private static String wires(HostTab tab) {
        return "g1: " + tab.session().snapshot().guest(GUEST).map(Object::toString).orElse("-") + "\nedges: "
                + tab.canvas().diagram().edges();
    }

    private static String history(HostTab tab) {
        return "busy=" + tab.editor().busyProperty().get() + " history=" + List.copyOf(tab.editor().history());
    }

    /** Waits for a condition; on time-out fails with what was awaited and what was seen instead. */
    private static void await(String what, BooleanSupplier condition, Supplier<String> seen) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + WAIT_SECONDS + " s: " + what + "; " + seen.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitQuietly(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            // cleaning up after a failed test: go on and restore what can be restored
        }
    }
}
