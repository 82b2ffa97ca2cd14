package dev.virtwire.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** IPv6 facts have keys of their own beside the IPv4 ones, and survive the round trip. */
class Ipv6JsonTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    private HostSnapshot dualStack() {
        NetworkIp ip6 = new NetworkIp("2001:db8:ca2:2::1/64",
                List.of(new DhcpRange("2001:db8:ca2:2::100", "2001:db8:ca2:2::1ff")),
                List.of(new DhcpHost(Optional.empty(), "2001:db8:ca2:2::10", Optional.of("web"),
                        Optional.of("0:3:0:1:52:54:0:12:34:56"))));
        String bridge = demo.networks().stream().flatMap(n -> n.bridge().stream()).findFirst().orElseThrow();
        String guest = demo.guests().get(0).name();
        HostSnapshot s = demo.updateNetwork(demo.networks().get(0).name(), n -> new VirtualNetwork(n.name(), n.uuid(),
                        n.active(), n.autostart(), n.mode(), n.bridge(), n.devices(), n.ips(), n.mtu(), n.bandwidth(),
                        n.portgroups(), List.of(ip6)))
                .updateLink(bridge, l -> l.withAddresses6(List.of("2001:db8:ca2:2::1/64", "fe80::1/64")))
                .updateGuest(guest, g -> g.withNics(g.nics().stream().map(nic -> nic.withAddresses6(List.of(
                        new GuestAddress("2001:db8:ca2:2::10/64", AddressOrigin.LEASE),
                        new GuestAddress("fe80::5054:ff:fe00:1/64", AddressOrigin.NDP)))).toList()))
                .withRoutes6(List.of(new Route("default", Optional.of("fe80::1"), Optional.of("eth0"),
                        OptionalInt.of(100))));
        return s.withKernel(s.kernel().withIpv6(List.of(new Ipv6Conf("all", Optional.of(true), OptionalInt.of(1),
                Optional.of(false)), new Ipv6Conf("eth0", Optional.of(true), OptionalInt.of(2), Optional.empty()))));
    }

    @Test
    void ipv6FactsAreWrittenUnderTheirOwnKeysAndReadBack() {
        HostSnapshot s = dualStack();
        JsonNode json = TopologyJson.toJson(s);
        JsonNode network = json.get("networks").get(0);
        assertEquals("2001:db8:ca2:2::1/64", network.at("/ips6/0/address").asText());
        assertEquals("0:3:0:1:52:54:0:12:34:56", network.at("/ips6/0/dhcp/hosts/0/id").asText());
        assertEquals(demo.networks().get(0).ips().size(), network.get("ips").size(), "ips stays IPv4 only");
        assertEquals("ndp", json.at("/guests/0/nics/0/addresses6/1/origin").asText());
        assertEquals("default", json.at("/routes6/0/destination").asText());
        assertEquals(2, json.at("/kernel/ipv6_conf/1/accept_ra").asInt());
        assertEquals(true, json.at("/kernel/ipv6_conf/1/disable_ipv6").isNull());
        HostSnapshot again = SnapshotJsonReader.read(json);
        assertEquals(s.withTakenAt(again.takenAt()), again);
    }

    @Test
    void linkAddressesSayTheirScope() {
        JsonNode links = TopologyJson.toJson(dualStack()).get("links");
        JsonNode bridge = null;
        for (JsonNode l : links) {
            if (l.get("addresses6").size() == 2) {
                bridge = l;
            }
        }
        assertEquals("global", bridge.at("/addresses6/0/scope").asText());
        assertEquals("link", bridge.at("/addresses6/1/scope").asText());
    }
}
