package dev.virtwire.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The inspector shows a network's IPv6 settings, a link's IPv6 addresses and sysctls, the IPv6 default route. */
class Ipv6FactsTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);

    private static HostSnapshot dualStack() {
        HostSnapshot s = SimulatedHost.demo().snapshot()
                .updateNetwork("default", n -> new VirtualNetwork(n.name(), n.uuid(), n.active(), n.autostart(),
                        n.mode(), n.bridge(), n.devices(), n.ips(), n.mtu(), n.bandwidth(), n.portgroups(),
                        List.of(new NetworkIp("2001:db8:ca2:2::1/64",
                                List.of(new DhcpRange("2001:db8:ca2:2::100", "2001:db8:ca2:2::1ff")),
                                List.of(new DhcpHost(Optional.empty(), "2001:db8:ca2:2::10", Optional.of("web1"),
                                        Optional.of("0:3:0:1:52:54:0:3a:10:1")))))))
                .updateLink("br0", l -> l.withAddresses6(List.of("2001:db8:77::20/64", "fe80::1/64")))
                .withRoutes6(List.of(new Route("default", Optional.of("fe80::1"), Optional.of("br0"),
                        OptionalInt.of(100))));
        return s.withKernel(s.kernel().withIpv6(List.of(new Ipv6Conf("br0", Optional.of(true), OptionalInt.of(2),
                Optional.of(false)))));
    }

    private static String lines(Id.Node id) {
        return String.join("\n", Facts.of(dualStack(), id, TEXT).stream()
                .map(f -> f.category() + " | " + f.name() + " | " + f.value()).toList());
    }

    @Test
    void aNetworkShowsItsIpv6PrefixDhcpv6RangeAndReservations() {
        String lines = lines(new Id.Network("default"));
        assertTrue(lines.contains("IPv6 | IPv6 address | 2001:db8:ca2:2::1/64"), lines);
        assertTrue(lines.contains("IPv6 | DHCPv6 range | 2001:db8:ca2:2::100 – 2001:db8:ca2:2::1ff"), lines);
        assertTrue(lines.contains("2001:db8:ca2:2::10 (web1) ← DUID 0:3:0:1:52:54:0:3a:10:1"), lines);
    }

    @Test
    void aLinkShowsEveryIpv6AddressAndItsSysctls() {
        String lines = lines(new Id.Link("br0"));
        assertTrue(lines.contains("IPv6 | IPv6 address | fe80::1/64"), lines);
        assertTrue(lines.contains("forwarding=1 · accept_ra=2 · disable_ipv6=0"), lines);
    }

    @Test
    void theOutsideShowsTheIpv6DefaultRoute() {
        assertTrue(lines(new Id.Outside()).contains("IPv6 default route | fe80::1 · br0"), lines(new Id.Outside()));
    }
}
