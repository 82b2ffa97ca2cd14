package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A network's IPv6 prefix stays when its mode changes between modes where libvirt owns the bridge. */
class Ipv6ModeSwitchTest {
    private static final NetworkIp IP6 = new NetworkIp("2001:db8:ca2:2::1/64",
            List.of(new DhcpRange("2001:db8:ca2:2::100", "2001:db8:ca2:2::1ff")), List.of());

    private static String commands(NetworkMode mode, Optional<String> bridge) {
        SimulatedHost demo = SimulatedHost.demo();
        HostSnapshot dual = demo.snapshot().updateNetwork("default", n -> new VirtualNetwork(n.name(), n.uuid(),
                n.active(), n.autostart(), n.mode(), n.bridge(), n.devices(), n.ips(), n.mtu(), n.bandwidth(),
                n.portgroups(), List.of(IP6)));
        Plan plan = new Planner(dual, demo, SuggestedCommands.local()).plan(new NetworkIntent.SetNetworkMode("default", mode,
                bridge, Optional.empty(), Optional.empty()));
        return String.join("\n", plan.commands());
    }

    @Test
    void natToRoutedKeepsTheIpv6Prefix() {
        String commands = commands(NetworkMode.ROUTE, Optional.empty());
        assertTrue(commands.contains("<forward mode=\"route\"/>"), commands);
        assertTrue(commands.contains("family=\"ipv6\" address=\"2001:db8:ca2:2::1\" prefix=\"64\""), commands);
        assertTrue(commands.contains("<range start=\"2001:db8:ca2:2::100\" end=\"2001:db8:ca2:2::1ff\"/>"), commands);
    }

    @Test
    void toBridgeModeLeavesItOutAsLibvirtRefusesAddressesThere() {
        String commands = commands(NetworkMode.BRIDGE, Optional.of("br0"));
        assertFalse(commands.contains("ipv6"), commands);
    }
}
