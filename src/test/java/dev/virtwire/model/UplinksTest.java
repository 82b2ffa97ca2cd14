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

    private static List<Link> append(List<Link> links, Link... more) {
        List<Link> all = new java.util.ArrayList<>(links);
        all.addAll(List.of(more));
        return all;
    }
}
