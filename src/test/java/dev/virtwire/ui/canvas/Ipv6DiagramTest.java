package dev.virtwire.ui.canvas;

import static dev.virtwire.ui.canvas.Keys.key;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Boxes show IPv6 beside IPv4: a network's first IPv6 prefix, a link's global IPv6 addresses. */
class Ipv6DiagramTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);

    private static Diagram dualStack() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        String bridge = demo.network("default").orElseThrow().bridge().orElseThrow();
        HostSnapshot s = demo.updateNetwork("default", n -> new VirtualNetwork(n.name(), n.uuid(), n.active(),
                        n.autostart(), n.mode(), n.bridge(), n.devices(), n.ips(), n.mtu(), n.bandwidth(),
                        n.portgroups(), List.of(new NetworkIp("2001:db8:ca2:2::1/64",
                        List.of(new DhcpRange("2001:db8:ca2:2::100", "2001:db8:ca2:2::1ff")), List.of()))))
                .updateLink("br0", l -> l.withAddresses6(List.of("2001:db8:77::20/64", "fe80::1/64")))
                .updateLink(bridge, l -> l.withAddresses6(List.of("2001:db8:ca2:2::1/64", "fe80::2/64")));
        return DiagramBuilder.build(s, Set.of(), TEXT.bundle());
    }

    @Test
    void theNetworkBoxShowsItsIpv6PrefixUnderTheIpv4One() {
        Diagram diagram = dualStack();
        List<String> details = diagram.node(key("network:default")).orElseThrow().details();
        assertTrue(diagram.node(key("network:default")).orElseThrow().height()
                > diagram.node(key("network:routed")).orElseThrow().height(), "a line taller for the third line");
        assertTrue(details.contains("2001:db8:ca2:2::1/64 · DHCPv6"), details.toString());
        assertTrue(details.indexOf("2001:db8:ca2:2::1/64 · DHCPv6") > details.indexOf("192.168.122.1/24 · DHCP"),
                details.toString());
    }

    @Test
    void aLinkBoxShowsGlobalIpv6AddressesBesideIpv4AndLeavesLinkLocalOnesToTheInspector() {
        String lines = String.join("\n", dualStack().node(key("link:br0")).orElseThrow().details());
        assertTrue(lines.contains("2001:db8:77::20/64"), lines);
        assertFalse(lines.contains("fe80::"), lines);
    }
}
