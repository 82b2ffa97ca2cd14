package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.DemoEdits;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.ServerShapes;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The way out drawn as the host's NICs, whatever their kind, and wired to the outside box. */
class UplinkChainDiagramTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void aBondWithAVlanIsDrawnAsHostNicsWithModeAndTagDownToItsCables() {
        Diagram d = DiagramBuilder.build(ServerShapes.bondVlan(demo), Set.of(), TEXT.bundle());
        for (String name : List.of("bond0.100", "bond0", "eth0", "eth2")) {
            assertEquals(DiagramNode.Kind.HOST_NIC, d.node(key("link:" + name)).orElseThrow().kind(), name);
        }
        assertTrue(d.node(key("link:bond0")).orElseThrow().details().get(0).contains("active-backup"));
        assertTrue(d.node(key("link:bond0.100")).orElseThrow().details().get(0).contains("VLAN 100"));
        assertTrue(d.node(key("link:bond0.100")).orElseThrow().style().contains("uplink"));
        assertTrue(has(d, "link:bond0.100", "link:bond0"), "the VLAN stands on the bond");
        assertTrue(has(d, "link:eth0", "link:bond0") && has(d, "link:eth2", "link:bond0"), "the slaves");
        assertTrue(has(d, "link:eth0", "outside") && has(d, "link:eth2", "outside"), "the cables leave the host");
        assertEquals(Optional.of("default route"), edge(d, "link:eth2", "outside").label());
    }

    @Test
    void vethsThatLeadOffTheHostAreItsNicsAndReachTheOutside() {
        // the lab: no physical NIC; eth0 (address, default route) and eth1 (br0's port) are veths to the LAN
        HostSnapshot lab = demo.withLinks(demo.links().stream().map(l -> l.kind() == LinkKind.PHYSICAL
                ? new Link(l.name(), LinkKind.VETH, l.mac(), l.mtu(), l.state(), l.adminUp(), l.master(),
                Optional.empty(), l.addresses(), l.vlanId(), l.bridge(), l.port()) : l).toList());
        Diagram d = DiagramBuilder.build(lab, Set.of(), TEXT.bundle());
        assertEquals(DiagramNode.Kind.HOST_NIC, d.node(key("link:eth0")).orElseThrow().kind());
        assertEquals(DiagramNode.Kind.HOST_NIC, d.node(key("link:eth1")).orElseThrow().kind());
        assertTrue(has(d, "link:eth0", "outside") && has(d, "link:eth1", "outside"));
        assertEquals(DiagramNode.Kind.TAP, d.node(key("link:vnet0")).orElseThrow().kind(), "a guest's tap stays one");
    }

    @Test
    void aPortOntoTheLanPutOnAnIsolatedNetworksBridgeIsItsWayOut() {
        // the lab's fault rogue-dhcp: a veth eth9 onto the LAN made a port of the isolated network's own bridge
        HostSnapshot lab = DemoEdits.demoWith("""
                {"links": {"eth0": {"kind": "veth"}, "eth1": {"kind": "veth"},
                           "eth9": {"kind": "veth", "state": "up", "admin_up": true, "master": "virbr1", "mtu": 1500}}}""");
        Diagram d = DiagramBuilder.build(lab, Set.of(), TEXT.bundle());
        assertEquals(DiagramNode.Kind.HOST_NIC, d.node(key("link:eth9")).orElseThrow().kind());
        assertTrue(has(d, "link:eth9", "network:isolated") && has(d, "link:eth9", "outside"), "wired between them");
        assertEquals(List.of("isolated · virbr1", "192.168.100.1/24 · DHCP", "on the LAN via eth9"),
                d.node(key("network:isolated")).orElseThrow().details(), "the network says it is on the LAN");
        assertEquals(2, DiagramBuilder.build(demo, Set.of(), TEXT.bundle()).node(key("network:isolated"))
                .orElseThrow().details().size(), "without the port, isolated is all there is to say");
    }

    private static boolean has(Diagram d, String from, String to) {
        return d.edges().stream().anyMatch(e -> e.from().equals(key(from)) && e.to().equals(key(to)));
    }

    private static DiagramEdge edge(Diagram d, String from, String to) {
        return d.edges().stream().filter(e -> e.from().equals(key(from)) && e.to().equals(key(to))).findFirst()
                .orElseThrow();
    }
}
