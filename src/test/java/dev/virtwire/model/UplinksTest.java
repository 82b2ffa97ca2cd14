package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UplinksTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void onAHostWithNicsTheLanBridgeIsTheOneWithANicPort() {
        Uplinks uplinks = Uplinks.of(demo);
        assertEquals(List.of("br0"), uplinks.lanBridges().stream().map(Link::name).toList());
        assertTrue(uplinks.leadsOffHost(demo.link("macvtap0").orElseThrow()), "a macvtap sits on eth0");
        assertFalse(uplinks.leadsOffHost(demo.link("vnet0").orElseThrow()), "a guest's tap stays on the host");
    }

    @Test
    void containerVethsOnAHostWithNicsDoNotLeadToTheLan() {
        HostSnapshot withDocker = demo.withLinks(append(demo.links(),
                Link.of("docker0", LinkKind.BRIDGE, null, 1500, LinkState.UP, List.of("172.17.0.1/16")),
                Link.of("veth1a2b", LinkKind.VETH, null, 1500, LinkState.UP, List.of()).withMaster(Optional.of("docker0"))));
        assertEquals(List.of("br0"), Uplinks.of(withDocker).lanBridges().stream().map(Link::name).toList());
    }

    @Test
    void aHostWithoutNicsGoesOutThroughVethsToOtherNamespaces() {
        HostSnapshot lab = demo.withLinks(demo.links().stream()
                .map(l -> l.kind() == LinkKind.PHYSICAL ? new Link(l.name(), LinkKind.VETH, l.mac(), l.mtu(), l.state(),
                        l.adminUp(), l.master(), Optional.empty(), l.addresses(), l.vlanId(), l.bridge(), l.port()) : l)
                .toList());
        Uplinks uplinks = Uplinks.of(lab);
        assertTrue(uplinks.isCable(lab.link("eth0").orElseThrow()));
        assertEquals(List.of("br0"), uplinks.lanBridges().stream().map(Link::name).toList());
    }

    @Test
    void aBondLeadsOffTheHostThroughItsNics() {
        HostSnapshot bonded = demo.withLinks(append(demo.links(),
                Link.of("bond0", LinkKind.BOND, null, 1500, LinkState.UP, List.of()),
                Link.of("eno3", LinkKind.PHYSICAL, null, 1500, LinkState.UP, List.of()).withMaster(Optional.of("bond0"))));
        assertTrue(Uplinks.of(bonded).leadsOffHost(bonded.link("bond0").orElseThrow()));
    }

    @Test
    void theDefaultRouteIsFollowedDownWhateverTheKinds() {
        // eno1+eno2 -> bond0 -> bond0.100 -> br100, the default route on br100; a guest tap on br100 too
        HostSnapshot server = demo.withLinks(List.of(
                Link.of("eno1", LinkKind.OTHER, null, 1500, LinkState.UP, List.of()).withMaster(Optional.of("bond0")),
                Link.of("eno2", LinkKind.OTHER, null, 1500, LinkState.DOWN, List.of()).withMaster(Optional.of("bond0")),
                Link.of("bond0", LinkKind.BOND, null, 1500, LinkState.UP, List.of()),
                Link.of("bond0.100", LinkKind.VLAN, null, 1500, LinkState.UP, List.of())
                        .withParent(Optional.of("bond0")).withMaster(Optional.of("br100")),
                Link.of("br100", LinkKind.BRIDGE, null, 1500, LinkState.UP, List.of("10.0.0.5/24")),
                Link.of("vnet0", LinkKind.TAP, null, 1500, LinkState.UP, List.of()).withMaster(Optional.of("br100")),
                Link.of("eth9", LinkKind.OTHER, null, 1500, LinkState.UP, List.of())))
                .withRoutes(List.of(new Route("default", Optional.of("10.0.0.1"), Optional.of("br100"),
                        java.util.OptionalInt.empty())));
        Uplinks uplinks = Uplinks.of(server);
        assertEquals(List.of("br100", "bond0.100", "bond0", "eno1", "eno2"),
                uplinks.chain().stream().map(Link::name).toList());
        assertTrue(uplinks.isCable(server.link("eno1").orElseThrow()), "a slave of kind 'other' is still a cable");
        assertFalse(uplinks.isCable(server.link("bond0").orElseThrow()), "the bond stands on its slaves");
        assertFalse(uplinks.carriesDefaultRoute(server.link("vnet0").orElseThrow()), "a guest's tap is no way out");
        assertFalse(uplinks.isCable(server.link("eth9").orElseThrow()), "a link of unknown kind off the route");
        assertEquals(List.of("br100"), uplinks.lanBridges().stream().map(Link::name).toList());
    }

    @Test
    void withoutADefaultRouteOnlyTheKindSays() {
        HostSnapshot noRoute = demo.withRoutes(List.of());
        Uplinks uplinks = Uplinks.of(noRoute);
        assertTrue(uplinks.chain().isEmpty());
        assertTrue(uplinks.isCable(noRoute.link("eth0").orElseThrow()));
    }

    private static List<Link> append(List<Link> links, Link... more) {
        List<Link> all = new java.util.ArrayList<>(links);
        all.addAll(List.of(more));
        return all;
    }
}
