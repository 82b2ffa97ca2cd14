package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.ui.Messages;
import dev.virtwire.ui.inspector.Fact;
import dev.virtwire.ui.inspector.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The canvas and the inspector mark drift between what runs and what the manager saved: a bridge made by hand is
 * "gone after reboot", a change by hand on a saved link "not as saved", a link the manager starts at boot that does
 * not run a box of its own; a host whose saved configuration was not read, or that runs as saved, has no marks.
 */
class SavedMarksTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void theDemoHostRunsAsSavedAndHasNoMark() {
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        assertEquals(List.of(), d.nodes().stream().filter(n -> n.saved().isPresent()).map(DiagramNode::title).toList());
    }

    @Test
    void aBridgeMadeByHandIsGoneAfterReboot() {
        List<Link> links = new ArrayList<>(demo.links());
        links.add(Link.of("br9", LinkKind.BRIDGE, "52:54:00:99:00:01", 1500, LinkState.UP, List.of()));
        HostSnapshot host = demo.withLinks(links);
        DiagramNode br9 = DiagramBuilder.build(host, Set.of(), TEXT.bundle()).node(key("link:br9")).orElseThrow();
        assertEquals("gone after reboot", br9.saved().orElseThrow().line());
        assertTrue(br9.style().contains("saved-gone-after-reboot"), br9.style()::toString);
        assertTrue(br9.height() > 74, "one line taller for the mark");
        assertEquals("gone: no manager starts it at boot", fact(host, "br9", "After a reboot"));

        DiagramNode unread = DiagramBuilder.build(host.withSaved(SavedConfig.unknown()), Set.of(), TEXT.bundle())
                .node(key("link:br9")).orElseThrow();
        assertTrue(unread.saved().isEmpty(), "nothing is said without the saved configuration");
    }

    @Test
    void whatContainerRuntimesMakeAgainAtStartIsNotMarked() {
        List<Link> links = new ArrayList<>(demo.links());
        links.add(Link.of("docker0", LinkKind.BRIDGE, "02:42:ac:11:00:01", 1500, LinkState.UP, List.of()));
        links.add(Link.of("br-0123456789ab", LinkKind.BRIDGE, "02:42:ac:12:00:01", 1500, LinkState.UP, List.of()));
        links.add(Link.of("veth1a2b3c", LinkKind.VETH, "02:42:ac:11:00:02", 1500, LinkState.UP, List.of()));
        Diagram d = DiagramBuilder.build(demo.withLinks(links), Set.of(), TEXT.bundle());
        assertEquals(List.of(), d.nodes().stream().filter(n -> n.saved().isPresent()).map(DiagramNode::title).toList());
    }

    @Test
    void aChangeByHandOnASavedBridgeIsNotAsSavedAndTheHoverSaysWhat() {
        HostSnapshot host = demo.updateLink("br0", l -> new Link(l.name(), l.kind(), l.mac(), OptionalInt.of(1400),
                l.state(), l.adminUp(), l.master(), l.parent(), l.addresses(), l.vlanId()));
        SavedMark mark = DiagramBuilder.build(host, Set.of(), TEXT.bundle()).node(key("link:br0")).orElseThrow()
                .saved().orElseThrow();
        assertEquals("not as saved: mtu", mark.line());
        assertEquals(List.of("NetworkManager · bridge-br0", "mtu: running 1400, saved 1500"), mark.hover());
        assertEquals("mtu: running 1400, saved 1500", fact(host, "br0", "Differs"));
        assertEquals("as saved, not as it runs now", fact(host, "br0", "After a reboot"));
        assertEquals("as it runs now", fact(demo, "br0", "After a reboot"));
    }

    @Test
    void aLinkTheManagerStartsAtBootThatDoesNotRunHasADottedBoxAndItsSavedFacts() {
        HostSnapshot host = demo.withSaved(new SavedConfig(true, demo.saved().managers(), demo.saved().links().stream()
                .map(s -> s.name().equals("br-test") ? s.withAtBoot(true) : s).toList()));
        DiagramNode ghost = DiagramBuilder.build(host, Set.of(), TEXT.bundle()).node(key("link:br-test"))
                .orElseThrow();
        assertEquals("saved, not running", ghost.saved().orElseThrow().line());
        assertTrue(ghost.style().contains("saved-saved-not-running"), ghost.style()::toString);
        assertEquals("bridge-br-test", fact(host, "br-test", "Saved in"));
        assertEquals("10.30.0.1/24", fact(host, "br-test", "Host address"));
        assertTrue(DiagramBuilder.build(demo, Set.of(), TEXT.bundle()).node(key("link:br-test")).isEmpty(),
                "a profile that does not start at boot is no drift");
    }

    private static String fact(HostSnapshot host, String link, String name) {
        List<Fact> facts = Facts.of(host, new Id.Link(link), TEXT);
        return facts.stream().filter(f -> f.name().equals(name)).map(Fact::value).findFirst()
                .orElseThrow(() -> new AssertionError("no fact " + name + " in " + facts));
    }

}
