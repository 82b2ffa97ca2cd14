package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.LinkState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which parts of a host reading some ids takes, and how a partial read is spliced into an earlier one. */
class ReadScopeTest {
    private static final HostSnapshot BASE = SimulatedHost.demo().snapshot();
    /** The host a moment later: every kind of part changed, web1 gone and a new guest there. */
    private static final HostSnapshot FRESH = changed(BASE);

    @Test
    void theFreshReadDiffersFromTheBaseInEveryPart() {
        assertNotEquals(BASE.guest("db1"), FRESH.guest("db1"));
        assertNotEquals(BASE.network("isolated"), FRESH.network("isolated"));
        assertNotEquals(BASE.links(), FRESH.links());
        assertNotEquals(BASE.routes(), FRESH.routes());
        assertNotEquals(BASE.kernel(), FRESH.kernel());
        assertNotEquals(BASE.firewall(), FRESH.firewall());
    }

    @Test
    void subjectsNameGuestsNetworksAndWholeTables() {
        ReadScope nic = scope("nic:web1/52:54:00:3a:10:01", "network:default", "watchdog:x");
        assertEquals(Set.of("web1"), nic.guests());
        assertEquals(Set.of("default"), nic.networks());
        assertFalse(nic.readsLinks() || nic.kernel() || nic.firewall() || nic.everything());

        ReadScope tap = scope("tap:db1/52:54:00:3a:10:02");
        assertEquals(Set.of("db1"), tap.guests());
        assertTrue(tap.readsLinks() && !tap.kernel(), "a tap is a link");

        assertTrue(scope("address:10.0.0.1/24").readsLinks());
        ReadScope route = scope("route:default");
        assertTrue(route.kernel() && route.readsLinks(), "the whole kernel comes with its links");
        assertTrue(scope("sysctl:net.ipv4.ip_forward").kernel());
        assertTrue(scope("forward:virtwire-tcp-8080").firewall());
        assertTrue(scope("accept:virbr0").firewall(), "a bridge let through the firewall");
        assertTrue(scope("outside").everything(), "whatever leads outside: everything");
    }

    @Test
    void namedGuestsAndNetworksAreTakenFromTheFreshReadTheOthersStayAsTheyWere() {
        HostSnapshot spliced = scope("nic:db1/52:54:00:3a:10:02", "network:isolated").splice(BASE, FRESH);

        assertEquals(FRESH.guest("db1"), spliced.guest("db1"));
        assertEquals(BASE.guest("nas"), spliced.guest("nas"), "not named: as in the base");
        assertEquals(BASE.guest("web1"), spliced.guest("web1"), "gone, but not named: still there");
        assertEquals(names(BASE.guests()), names(spliced.guests()), "the base's order");
        assertEquals(FRESH.network("isolated"), spliced.network("isolated"));
        assertEquals(BASE.network("default"), spliced.network("default"));
        assertEquals(BASE.links(), spliced.links());
        assertEquals(BASE.routes(), spliced.routes());
        assertEquals(BASE.kernel(), spliced.kernel());
        assertEquals(BASE.firewall(), spliced.firewall());
        assertEquals(FRESH.takenAt(), spliced.takenAt());
    }

    @Test
    void aNamedGuestThatIsGoneIsDroppedAndANewOneAdded() {
        HostSnapshot spliced = scope("guest:web1", "guest:new-vm", "guest:never-was").splice(BASE, FRESH);

        assertTrue(spliced.guest("web1").isEmpty());
        assertTrue(spliced.guest("never-was").isEmpty());
        List<String> expected = new ArrayList<>(names(BASE.guests()));
        expected.remove("web1");
        expected.add("new-vm");
        assertEquals(expected, names(spliced.guests()));
    }

    @Test
    void tablesAreTakenWhole() {
        HostSnapshot links = scope("link:eth1").splice(BASE, FRESH);
        assertEquals(FRESH.links(), links.links());
        assertEquals(BASE.routes(), links.routes());
        assertEquals(BASE.kernel(), links.kernel());

        HostSnapshot kernel = scope("sysctl:net.ipv4.ip_forward").splice(BASE, FRESH);
        assertEquals(FRESH.links(), kernel.links());
        assertEquals(FRESH.routes(), kernel.routes());
        assertEquals(FRESH.kernel(), kernel.kernel());
        assertEquals(BASE.guests(), kernel.guests());
        assertEquals(BASE.firewall(), kernel.firewall());

        HostSnapshot firewall = scope("forward:x").splice(BASE, FRESH);
        assertEquals(FRESH.firewall(), firewall.firewall());
        assertEquals(BASE.links(), firewall.links());
    }

    @Test
    void aScopeOfEverythingTakesTheFreshReadAsItIs() {
        assertSame(FRESH, scope("outside").splice(BASE, FRESH));
    }

    @Test
    void scopesMerge() {
        ReadScope both = scope("guest:web1").with(scope("network:default", "forward:x"));
        assertEquals(Set.of("web1"), both.guests());
        assertEquals(Set.of("default"), both.networks());
        assertTrue(both.firewall() && !both.kernel());
        assertEquals(ReadScope.NOTHING, scope("watchdog:x"), "a host-side timer is in no snapshot");
    }

    private static ReadScope scope(String... ids) {
        return ReadScope.of(java.util.Arrays.stream(ids).map(Id::parse).toList());
    }

    private static HostSnapshot changed(HostSnapshot s) {
        List<Guest> guests = new ArrayList<>(s.guests().stream().filter(g -> !g.name().equals("web1"))
                .map(g -> g.withState(GuestState.SHUTOFF)).toList());
        guests.add(new Guest("new-vm", Optional.empty(), GuestState.RUNNING, List.of()));
        return s.withGuests(guests)
                .withNetworks(s.networks().stream().map(n -> n.withActive(!n.active())).toList())
                .updateLink("eth1", l -> l.withState(LinkState.DOWN))
                .withRoutes(List.of(s.routes().get(0)))
                .withKernel(s.kernel().withIpForward(!s.kernel().ipForward().orElse(false)))
                .withFirewall(new FirewallState(s.firewall().backend(), Map.of("filter/FORWARD", "DROP"), List.of()))
                .withTakenAt(s.takenAt().plusSeconds(5));
    }

    private static List<String> names(List<Guest> guests) {
        return guests.stream().map(Guest::name).toList();
    }
}
