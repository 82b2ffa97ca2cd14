package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.guestsOf;
import static dev.virtwire.ui.canvas.Keys.id;
import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagramBuilderTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Diagram diagram = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());

    /** The demo plus a container host's wiring: 10 bridges with 3 veths each, no guest on them. */
    private static HostSnapshot withContainerLinks(HostSnapshot s) {
        List<Link> links = new ArrayList<>(s.links());
        for (int b = 0; b < 10; b++) {
            links.add(Link.of("ctr-br" + b, LinkKind.BRIDGE, null, 1500, LinkState.UP, List.of()));
            for (int v = 0; v < 3; v++) {
                links.add(Link.of("veth" + b + v, LinkKind.VETH, null, 1500, LinkState.UP, List.of())
                        .withMaster(Optional.of("ctr-br" + b)));
            }
        }
        return s.withLinks(links);
    }

    @Test
    void manyLinksThatNoGuestUsesAreOneGroupUntilOpened() {
        Diagram busy = DiagramBuilder.build(withContainerLinks(demo), Set.of(), TEXT.bundle());
        DiagramNode group = busy.node(DiagramBuilder.OTHER_LINKS).orElseThrow();
        assertEquals(40, group.members().size());
        assertTrue(group.details().get(0).startsWith("10 bridges, 30 veths"), group.details().toString());
        assertTrue(busy.node(key("link:ctr-br3")).isEmpty());
        assertEquals(DiagramBuilder.OTHER_LINKS, busy.boxOf(id("link:veth31")).orElseThrow().id(), "search finds it");
        assertTrue(busy.edges().stream().noneMatch(e -> e.from().text().startsWith("link:veth")));
        // what guests, networks and NICs use stays in sight: bridge br0, the guests' taps
        assertTrue(busy.node(key("link:br0")).isPresent());
        assertTrue(busy.node(key("link:vnet0")).isPresent());

        Diagram opened = DiagramBuilder.build(withContainerLinks(demo), Set.of(DiagramBuilder.OTHER_LINKS),
                TEXT.bundle());
        assertTrue(opened.node(DiagramBuilder.OTHER_LINKS).isEmpty());
        assertTrue(opened.node(key("link:ctr-br3")).isPresent());
        assertTrue(opened.edges().stream().anyMatch(e -> e.from().equals(key("link:veth31"))
                && e.to().equals(key("link:ctr-br3"))));
    }

    @Test
    void aBridgeThatOnlyGuestsUseStaysInSight() {
        HostSnapshot busy = withContainerLinks(demo);
        // br0 without its NIC and without the libvirt network over it: only the guests' lines reach it
        HostSnapshot noNic = busy.withLinks(busy.links().stream()
                .map(l -> l.name().equals("eth1") ? l.withMaster(Optional.empty()) : l).toList())
                .withNetworks(busy.networks().stream().filter(n -> !n.name().equals("host-bridge")).toList());
        Diagram d = DiagramBuilder.build(noNic, Set.of(), TEXT.bundle());
        assertTrue(d.node(DiagramBuilder.OTHER_LINKS).isPresent());
        assertTrue(d.node(key("link:br0")).isPresent(), "guests nas and backup are bridged to it");
        assertTrue(d.node(key("link:vnet3")).isPresent());
    }

    @Test
    void aFewSuchLinksAreDrawnAsThemselves() {
        assertTrue(diagram.node(DiagramBuilder.OTHER_LINKS).isEmpty());
    }

    @Test
    void aNetworkAndTheBridgeItCreatesAreOneBox() {
        DiagramNode box = diagram.boxOf(id("link:virbr0")).orElseThrow();
        assertEquals(key("network:default"), box.id());
        assertTrue(box.details().get(0).contains("NAT"), box.details().toString());
        assertTrue(box.details().get(0).contains("virbr0"), box.details().toString());
        assertTrue(diagram.node(key("link:virbr0")).isEmpty());
    }

    @Test
    void aUserManagedBridgeStaysItsOwnBoxUnderItsBridgeModeNetwork() {
        assertEquals(DiagramNode.Kind.BRIDGE, diagram.node(key("link:br0")).orElseThrow().kind());
        assertTrue(diagram.edges().stream().anyMatch(e -> e.from().equals(key("network:host-bridge"))
                && e.to().equals(key("link:br0"))));
    }

    @Test
    void everyGuestAndNetworkOfTheDemoIsDrawnWithItsModeAndState() {
        demo.guests().forEach(g -> assertTrue(diagram.node(key("guest:" + g.name())).isPresent(), g.name()));
        demo.networks().forEach(n -> assertTrue(diagram.node(key("network:" + n.name())).isPresent(), n.name()));
        assertTrue(diagram.node(key("network:isolated")).orElseThrow().style().contains("mode-isolated"));
        assertTrue(diagram.node(key("network:routed")).orElseThrow().style().contains("mode-route"));
        assertTrue(diagram.node(key("network:lan-macvtap")).orElseThrow().style().contains("mode-macvtap"));
        assertTrue(diagram.node(key("network:lab")).orElseThrow().style().contains("inactive"));
        assertTrue(diagram.node(key("guest:build")).orElseThrow().style().contains("guest-shutoff"));
    }

    @Test
    void aRunningNicIsDrawnAlongItsTapAndBridge() {
        String nic = "nic:web1/52:54:00:3a:10:01";
        assertTrue(has(nic, "link:vnet0", DiagramEdge.Style.WIRE));
        assertTrue(has("link:vnet0", "network:default", DiagramEdge.Style.WIRE));
        assertFalse(diagram.edges().stream().anyMatch(e -> e.from().equals(key(nic))
                        && e.to().equals(key("network:default"))),
                "configuration that agrees with the wiring is not drawn twice");
    }

    @Test
    void aGuestWhoseTapIsOnNoBridgeShowsARedLineToWhereItShouldBe() {
        DiagramEdge broken = diagram.edges().stream()
                .filter(e -> e.from().text().startsWith("nic:mail/") && e.to().equals(key("network:default")))
                .findFirst()
                .orElseThrow();
        assertEquals(DiagramEdge.Style.BROKEN, broken.style());
        assertTrue(broken.label().isPresent());
    }

    @Test
    void aShutOffGuestIsConnectedByItsConfigurationOnly() {
        assertTrue(diagram.edges().stream().anyMatch(e -> e.from().text().startsWith("nic:ci-runner/")
                && e.to().equals(key("network:lab")) && e.style() == DiagramEdge.Style.CONFIGURED));
    }

    @Test
    void searchFindsByNameMacAndIp() {
        assertEquals(key("guest:web1"), diagram.search("192.168.122.10").get(0).id());
        assertEquals(key("guest:web1"), diagram.search("52:54:00:3A:10:01").get(0).id());
        assertEquals(key("network:default"), diagram.search("virbr0").get(0).id());
        assertEquals(List.of(), diagram.search("no-such-thing"));
    }

    @Test
    void manyGuestsOnOneNetworkAreGroupedUntilExpanded() {
        HostSnapshot big = BigHost.withGuests(demo, 500);
        Diagram grouped = DiagramBuilder.build(big, Set.of(), TEXT.bundle());
        DiagramNode group = grouped.node(guestsOf("network:default")).orElseThrow();
        long demoGuestsOnDefault = demo.guests().stream()
                .filter(g -> g.nics().get(0).source().filter("default"::equals).isPresent()).count();
        assertEquals((500 + demoGuestsOnDefault) + " guests", group.title());
        assertTrue(grouped.nodes().size() < 60, "collapsed: " + grouped.nodes().size());
        assertTrue(group.style().contains("attention"), "mail (miswired) is in the group: the group says so");
        assertEquals(guestsOf("network:default"), grouped.search("scale-0042").get(0).id());
        Diagram open = DiagramBuilder.build(big, Set.of(guestsOf("network:default")), TEXT.bundle());
        assertTrue(open.node(key("guest:scale-0042")).isPresent());
    }

    private boolean has(String from, String to, DiagramEdge.Style style) {
        return diagram.edges().stream().anyMatch(e -> e.from().equals(key(from)) && e.to().equals(key(to))
                && e.style() == style);
    }

    @Test
    void aGuestNicShowsItsGlobalIpv6AddressBesideItsIpv4OneAndAloneWhenItHasNoIpv4() {
        List<dev.virtwire.model.Guest> guests = demo.guests().stream().map(g -> switch (g.name()) {
            case "web1" -> g.withNics(g.nics().stream().map(n -> n.withAddresses6(List.of(
                    v6("fe80::5054:ff:fe3a:1001/64"), v6("2001:db8:77::10/64")))).toList());
            case "mail" -> g.withNics(g.nics().stream().map(n -> n.withAddresses6(List.of(
                    v6("fd00:77:1::9/64")))).toList());
            default -> g;
        }).toList();
        Diagram d = DiagramBuilder.build(demo.withGuests(guests), Set.of(), TEXT.bundle());
        DiagramNode web1 = d.node(key("guest:web1")).orElseThrow();
        assertEquals("192.168.122.10", web1.nics().get(0).label());
        assertEquals(Optional.of("2001:db8:77::10"), web1.nics().get(0).label6(), "the link-local one stays out");
        assertTrue(web1.height() > diagram.node(key("guest:web1")).orElseThrow().height(), "a line taller");
        assertTrue(web1.terms().contains("2001:db8:77::10"), "search finds it");
        DiagramNode mail = d.node(key("guest:mail")).orElseThrow();
        assertEquals("fd00:77:1::9", mail.nics().get(0).label(), "no IPv4 address: the IPv6 one takes its place");
        assertEquals(Optional.empty(), mail.nics().get(0).label6());
    }

    private static dev.virtwire.model.GuestAddress v6(String address) {
        return new dev.virtwire.model.GuestAddress(address, dev.virtwire.model.AddressOrigin.NDP);
    }
}
