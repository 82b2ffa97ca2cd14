package dev.virtwire.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo host is what a new user sees first: it must show every kind of wiring the issue names. */
class DemoHostTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void hasTwoPhysicalNicsWithTheUplinkCarryingTheDefaultRoute() {
        assertEquals("eth0", demo.defaultRouteLink().orElseThrow().name());
        assertEquals("br0", demo.link("eth1").orElseThrow().master().orElseThrow());
        assertEquals(2, demo.links().stream().filter(l -> l.kind() == LinkKind.PHYSICAL).count());
    }

    @Test
    void hasANetworkOfEveryEverydayMode() {
        Set<NetworkMode> modes = demo.networks().stream().map(n -> n.mode()).collect(Collectors.toSet());
        assertTrue(modes.containsAll(Set.of(NetworkMode.NAT, NetworkMode.ROUTE, NetworkMode.ISOLATED,
                NetworkMode.OPEN, NetworkMode.BRIDGE)), modes.toString());
        assertTrue(demo.network("lan-macvtap").orElseThrow().devices().contains("eth0"));
    }

    @Test
    void hasTheGuestsANewUserNeedsToSee() {
        assertTrue(demo.guests().size() >= 6);
        assertTrue(demo.guests().stream().anyMatch(g -> g.state() == GuestState.SHUTOFF));
        assertTrue(nics().anyMatch(n -> !n.linkUp()), "a NIC with its link down");
        assertTrue(nics().anyMatch(n -> n.type() == NicType.DIRECT), "a macvtap guest");
        assertTrue(demo.guests().stream().anyMatch(g -> g.nics().size() == 2), "a guest with two NICs");
        assertTrue(nics().anyMatch(n -> n.type() == NicType.BRIDGE && n.source().orElseThrow().equals("br0")));
    }

    private java.util.stream.Stream<dev.virtwire.model.GuestNic> nics() {
        return demo.guests().stream().map(Guest::nics).flatMap(java.util.List::stream);
    }
}
