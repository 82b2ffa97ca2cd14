package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network created or edited with an IPv6 prefix and a DHCPv6 range, and DHCPv6 reservations by DUID or name:
 * previewed as the exact XML and virsh commands, undone exactly, and bad input refused before anything runs with
 * what is allowed.
 */
class Ipv6NetworkChangesTest {
    private static final HostAddress SIM = new HostAddress("sim:///ipv6-networks", new Target.Local());
    private static final String DUID = "00:03:00:01:52:54:00:3a:10:01";

    @TempDir
    Path state;

    private static NetworkIntent.CreateNetwork lab6(String address6, String first, String last) {
        return new NetworkIntent.CreateNetwork("lab6", NetworkMode.NAT, Optional.empty(), Optional.of("192.168.201.1/24"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(address6), Optional.of(first),
                Optional.of(last));
    }

    private static VirtualNetwork lab6(SimulatedHost host) {
        return host.snapshot().network("lab6").orElseThrow();
    }

    @Test
    void aNetworkCreatedWithAnIpv6PrefixAndADhcpv6RangeHasThemAndUndoTakesItAway() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(lab6("fd00:201::1/64", "fd00:201::100", "fd00:201::1ff"));
            String commands = String.join("\n", plan.commands());
            assertTrue(commands.contains("<ip family=\"ipv6\" address=\"fd00:201::1\" prefix=\"64\"><dhcp>"
                    + "<range start=\"fd00:201::100\" end=\"fd00:201::1ff\"/></dhcp></ip>"), commands);
            assertTrue(plan.title().contains("IPv6 fd00:201::1/64 with DHCPv6 fd00:201::100 - fd00:201::1ff"),
                    plan.title());
            changes.apply(plan);
            assertEquals(List.of(new NetworkIp("fd00:201::1/64", List.of(new DhcpRange("fd00:201::100",
                    "fd00:201::1ff")), List.of())), lab6(host).ips6());
            changes.undo();
            assertTrue(host.snapshot().network("lab6").isEmpty());
        }
    }

    @Test
    void badIpv6InputIsRefusedSayingWhatIsAllowed() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            assertRefused(changes, lab6("fd00:201::1/48", "fd00:201::100", "fd00:201::1ff"), "use /64");
            assertRefused(changes, lab6("fd00:201::1", "fd00:201::100", "fd00:201::1ff"), "needs a prefix length");
            assertRefused(changes, lab6("fd00:201::/64", "fd00:201::100", "fd00:201::1ff"), "the prefix's own address");
            assertRefused(changes, lab6("fe80::1/64", "fe80::100", "fe80::1ff"), "unique local");
            assertRefused(changes, lab6("192.168.9.1/24", "fd00:201::100", "fd00:201::1ff"), "give an IPv6 one");
            assertRefused(changes, lab6("fd00:201::1/64", "fd00:202::100", "fd00:202::1ff"),
                    "must lie inside fd00:201::/64");
            assertRefused(changes, lab6("fd00:201::1/64", "fd00:201::1ff", "fd00:201::100"), "after its end");
            assertRefused(changes, lab6("fd00:201::1/64", "fd00:201::1", "fd00:201::1ff"), "the host's own address");
            changes.apply(changes.plan(lab6("fd00:201::1/64", "fd00:201::100", "fd00:201::1ff")));
            assertRefused(changes, new NetworkIntent.CreateNetwork("lab7", NetworkMode.NAT, Optional.empty(),
                    Optional.of("192.168.202.1/24"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("fd00:201::9/64"), Optional.empty(), Optional.empty()), "overlaps network lab6");
            assertRefused(changes, new NetworkIntent.AddDhcpHost("lab6", "00:03:zz", "fd00:201::10", Optional.empty()),
                    "is not a DUID");
            assertRefused(changes, new NetworkIntent.AddDhcpHost("lab6", DUID, "fd00:999::10", Optional.empty()),
                    "outside network lab6's IPv6 prefixes [fd00:201::/64]");
            changes.apply(changes.plan(new NetworkIntent.AddDhcpHost("lab6", DUID, "fd00:201::10", Optional.empty())));
            assertRefused(changes, new NetworkIntent.AddDhcpHost("lab6", DUID, "fd00:201::11", Optional.empty()),
                    "already reserves fd00:201::10 for " + DUID);
            assertRefused(changes, new NetworkIntent.AddDhcpHost("lab6", "web9", "fd00:201::10", Optional.empty()),
                    "already reserves fd00:201::10");
            assertRefused(changes, new NetworkIntent.AddDhcpHost("lab6", "web9", "fd00:201::19", Optional.of("web8")),
                    "named by the client's host name alone");
        }
    }

    @Test
    void aDhcpv6ReservationByDuidGoesOnTheIpv6IpAndUndoRemovesExactlyIt() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(lab6("fd00:201::1/64", "fd00:201::100", "fd00:201::1ff")));
            VirtualNetwork before = lab6(host);
            Plan add = changes.plan(new NetworkIntent.AddDhcpHost("lab6", DUID.toUpperCase(), "fd00:201::10",
                    Optional.of("web1")));
            assertEquals(List.of("virsh net-update lab6 add ip-dhcp-host '<host id=\"" + DUID + "\" name=\"web1\" "
                    + "ip=\"fd00:201::10\"/>' --parent-index 1 --live --config"), add.commands());
            changes.apply(add);
            assertEquals(List.of(new DhcpHost(Optional.empty(), "fd00:201::10", Optional.of("web1"),
                    Optional.of(DUID))), lab6(host).ips6().get(0).dhcpHosts());
            changes.undo();
            assertEquals(before, lab6(host));

            changes.apply(changes.plan(new NetworkIntent.AddDhcpHost("lab6", "web2", "fd00:201::20", Optional.empty())));
            Plan remove = changes.plan(new NetworkIntent.RemoveDhcpHost("lab6", "web2"));
            assertEquals(List.of("virsh net-update lab6 delete ip-dhcp-host '<host name=\"web2\" ip=\"fd00:201::20\"/>'"
                    + " --parent-index 1 --live --config"), remove.commands());
            changes.apply(remove);
            assertEquals(before, lab6(host));
        }
    }

    @Test
    void anEditGivesANetworkAPrefixChangesItsRangeKeepingReservationsAndTakesIpv6Away() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            VirtualNetwork original = host.snapshot().network("default").orElseThrow();
            changes.apply(changes.plan(edit(Optional.of("fd00:122::1/64"), Optional.empty())));
            assertEquals(List.of(new NetworkIp("fd00:122::1/64", List.of(), List.of())),
                    host.snapshot().network("default").orElseThrow().ips6());
            changes.apply(changes.plan(edit(Optional.empty(), Optional.of("fd00:122::100-fd00:122::1ff"))));
            changes.apply(changes.plan(new NetworkIntent.AddDhcpHost("default", DUID, "fd00:122::10", Optional.empty())));
            changes.apply(changes.plan(edit(Optional.empty(), Optional.of("fd00:122::200-fd00:122::2ff"))));
            NetworkIp edited = host.snapshot().network("default").orElseThrow().ips6().get(0);
            assertEquals(List.of(new DhcpRange("fd00:122::200", "fd00:122::2ff")), edited.dhcpRanges());
            assertEquals(1, edited.dhcpHosts().size(), "the reservation stays with its prefix");
            assertRefused(changes, edit(Optional.empty(), Optional.empty()), "like that already");
            changes.apply(changes.plan(edit(Optional.of(NetworkIntent.SetNetworkMode.NO_IPV6), Optional.empty())));
            assertEquals(List.of(), host.snapshot().network("default").orElseThrow().ips6());
            for (int k = 0; k < 5; k++) {
                changes.undo();
            }
            assertEquals(original.ips6(), host.snapshot().network("default").orElseThrow().ips6());
        }
    }

    /** A history written before IPv6 still reads: a reservation's "mac", a network without IPv6 keys. */
    @Test
    void journalEntriesWrittenBeforeIpv6StillRead() throws Exception {
        Intent dhcp = JournalJson.MAPPER.readValue("{\"intent\":\"add-dhcp-host\",\"network\":\"default\","
                + "\"mac\":\"52:54:00:3a:10:01\",\"ip\":\"192.168.122.10\",\"name\":null}", Intent.class);
        assertEquals(new NetworkIntent.AddDhcpHost("default", "52:54:00:3a:10:01", "192.168.122.10", Optional.empty()), dhcp);
        Intent created = JournalJson.MAPPER.readValue("{\"intent\":\"create-network\",\"name\":\"lan2\","
                + "\"mode\":\"NAT\",\"bridge\":null,\"address\":\"192.168.60.1/24\",\"dhcpFirst\":null,"
                + "\"dhcpLast\":null,\"device\":null}", Intent.class);
        assertEquals(Optional.empty(), ((NetworkIntent.CreateNetwork) created).address6());
        Intent written = lab6("fd00:201::1/64", "fd00:201::100", "fd00:201::1ff");
        assertEquals(written, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(written),
                Intent.class));
    }

    private static NetworkIntent.SetNetworkMode edit(Optional<String> address6, Optional<String> dhcp6) {
        return new NetworkIntent.SetNetworkMode("default", NetworkMode.NAT, Optional.empty(), Optional.empty(),
                Optional.empty(), address6, dhcp6.map(r -> r.substring(0, r.indexOf('-'))),
                dhcp6.map(r -> r.substring(r.indexOf('-') + 1)));
    }

    private static void assertRefused(Changes changes, Intent intent, String text) {
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> changes.plan(intent), intent::describe);
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
