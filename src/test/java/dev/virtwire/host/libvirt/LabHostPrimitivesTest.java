package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Host;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.Scope;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.lab.LabUpOncePerClass;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The change layer's primitives on the lab's real kernel, libvirtd and firewall, each read back. */
@LabTest
@LabUpOncePerClass // each test removes what it made (AfterEach)
class LabHostPrimitivesTest {
    private final LabTools lab;
    private final String tag = "vwp" + (ProcessHandle.current().pid() % 10000);
    private final String bridge = tag + "br";
    private final String network = tag + "-net";

    LabHostPrimitivesTest(Lab lab) {
        this.lab = new LabTools(lab);
    }

    @AfterEach
    void cleanUp() {
        lab.virshQuietly("net-destroy", network);
        lab.virshQuietly("net-undefine", network);
        lab.inLab().run(List.of("ip", "link", "del", bridge));
    }

    @Test
    void bridgesMtuMacAddressesRoutesAndTheRevertWatchdog() throws Exception {
        try (Host host = Hosts.open(lab.address())) {
            host.kernel().createBridge(bridge, new BridgeSettings(true, OptionalInt.of(400), false),
                    Optional.of("52:54:00:ee:00:01"));
            host.kernel().setLinkUp(bridge, true);
            host.kernel().setLinkMtu(bridge, 1400);
            host.kernel().setAddress(bridge, "10.250.7.1/24", true, java.util.Optional.empty());
            host.kernel().setRoute(new Route("10.251.0.0/16", Optional.empty(), Optional.of(bridge),
                    OptionalInt.of(50)), true);
            HostSnapshot s = host.snapshot();
            var link = s.link(bridge).orElseThrow();
            assertEquals(OptionalInt.of(1400), link.mtu());
            assertEquals(Optional.of("52:54:00:ee:00:01"), link.mac());
            assertEquals(List.of("10.250.7.1/24"), link.addresses());
            assertEquals(Optional.of(new BridgeSettings(true, OptionalInt.of(400), false)), link.bridge());
            assertTrue(s.routes().contains(new Route("10.251.0.0/16", Optional.empty(), Optional.of(bridge),
                    OptionalInt.of(50))), s.routes().toString());
            host.kernel().setLinkMac(bridge, "52:54:00:ee:00:02");
            assertEquals(Optional.of("52:54:00:ee:00:02"), host.snapshot().link(bridge).orElseThrow().mac());

            host.kernel().setRoute(new Route("10.251.0.0/16", Optional.empty(), Optional.of(bridge),
                    OptionalInt.of(50)), false);
            host.kernel().setAddress(bridge, "10.250.7.1/24", false, java.util.Optional.empty());
            assertTrue(host.snapshot().link(bridge).orElseThrow().addresses().isEmpty());

            // the host itself takes the bridge down 1 s later unless Virtwire confirms first
            host.watchdog().armRevert(tag + "-a", List.of("link set dev " + bridge + " down"), Duration.ofSeconds(1));
            Thread.sleep(2500);
            assertEquals(LinkState.DOWN, host.snapshot().link(bridge).orElseThrow().state());
            assertFalse(host.watchdog().disarmRevert(tag + "-a"), "it already ran");
            host.kernel().setLinkUp(bridge, true);
            host.watchdog().armRevert(tag + "-b", List.of("link set dev " + bridge + " down"), Duration.ofSeconds(2));
            assertTrue(host.watchdog().disarmRevert(tag + "-b"), "confirmed in time");
            Thread.sleep(2500);
            assertTrue(host.snapshot().link(bridge).orElseThrow().adminUp(), "a disarmed watchdog does nothing");

            host.kernel().deleteBridge(bridge);
            assertTrue(host.snapshot().link(bridge).isEmpty());
        }
    }

    @Test
    void networksAndTheirDhcpReservations() {
        VirtualNetwork definition = new VirtualNetwork(network, Optional.empty(), false, false, NetworkMode.ISOLATED,
                Optional.of(tag + "nb"), List.of(), List.of(new NetworkIp("10.252.9.1/24",
                List.of(new DhcpRange("10.252.9.100", "10.252.9.200")), List.of())));
        try (Host host = Hosts.open(lab.address())) {
            host.virtualNetworks().defineNetwork(definition, java.util.Optional.empty());
            DhcpHost reservation = new DhcpHost(Optional.of("52:54:00:ee:11:22"), "10.252.9.50", Optional.of("web9"));
            host.virtualNetworks().setDhcpHost(network, reservation, true, Scope.CONFIG);
            assertEquals(List.of(reservation), host.snapshot().network(network).orElseThrow().ips().get(0).dhcpHosts());
            host.virtualNetworks().setNetworkActive(network, true);
            host.virtualNetworks().setDhcpHost(network, reservation, false, Scope.BOTH);
            assertEquals(List.of(), host.snapshot().network(network).orElseThrow().ips().get(0).dhcpHosts());
            assertFalse(lab.virsh("net-dumpxml", "--inactive", network).contains("10.252.9.50"));
            host.virtualNetworks().setNetworkActive(network, false);
            host.virtualNetworks().undefineNetwork(network);
            assertTrue(host.snapshot().network(network).isEmpty());
        }
    }

    @Test
    void portForwardsGoIntoTheFirewallInUseAndComeOutAgain() {
        try (Host host = Hosts.open(lab.address())) {
            HostSnapshot before = host.snapshot();
            VirtualNetwork nat = before.networks().stream().filter(n -> n.mode() == NetworkMode.NAT && n.active())
                    .findFirst().orElseThrow(() -> new AssertionError("the lab has no active NAT network"));
            String subnet = nat.ips().get(0).address();
            String guestIp = subnet.substring(0, subnet.lastIndexOf('.')) + ".250";
            PortForward forward = new PortForward("tcp", 18000 + (int) (ProcessHandle.current().pid() % 1000), guestIp,
                    80);
            host.firewall().setPortForward(forward, true);
            try {
                var rules = host.snapshot().firewall().rules().stream()
                        .filter(r -> r.comment().equals(Optional.of(forward.comment()))).toList();
                assertEquals(java.util.Set.of("DNAT", "ACCEPT"), rules.stream().map(r -> r.verdict())
                        .collect(java.util.stream.Collectors.toSet()), rules.toString());
                assertEquals(2, rules.size(), rules.toString());
            } finally {
                host.firewall().setPortForward(forward, false);
            }
            assertTrue(host.snapshot().firewall().rules().stream()
                    .noneMatch(r -> r.comment().equals(Optional.of(forward.comment()))));
        }
    }
}
