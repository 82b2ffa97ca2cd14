package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A diagnosis on a read of the guest alone (a command about one guest does not read the host's other guests)
 * finds what a read of everything finds on its path, and says what it could not compare with the others.
 */
class OneGuestReadTest {
    private final HostSnapshot demo = DemoEdits.demo();
    private final Troubleshooter troubleshooter = new Troubleshooter();

    @ParameterizedTest
    @CsvSource({"mail,internet", "web1,lan", "test-lab,host", "nas,internet", "media,lan", "gitlab,lan",
            "web1,guest:db1", "build,internet"})
    void theGuestsPathAndFindingsAreThoseOfAWholeRead(String guest, String target) {
        Destination to = Destination.parse(target);
        Set<String> read = to instanceof Destination.OtherGuest o ? Set.of(guest, o.name()) : Set.of(guest);
        Diagnosis whole = troubleshooter.diagnose(demo, guest, Optional.empty(), to);
        Diagnosis alone = troubleshooter.readingGuests(read).diagnose(only(read), guest, Optional.empty(), to);
        assertEquals(whole.reachable(), alone.reachable());
        assertEquals(whole.path(), alone.path());
        assertEquals(whole.findings(), alone.findings());
        assertEquals(whole.unchecked().size() + 1, alone.unchecked().size(), () -> alone.unchecked().toString());
        assertTrue(alone.unchecked().get(alone.unchecked().size() - 1).contains("whether a shut-off guest has the "
                + "same MAC"), () -> alone.unchecked().toString());
    }

    /** build is shut off: only its definition holds its MAC, which a read of web1 leaves out. */
    @Test
    void aDuplicateMacWithAShutOffGuestIsSaidNotCheckedNotHealthy() {
        Guest build = demo.guest("build").orElseThrow();
        String webMac = demo.guest("web1").orElseThrow().nics().get(0).mac();
        HostSnapshot twin = demo.withGuests(demo.guests().stream().map(g -> g != build ? g
                : g.withNics(List.of(nicWithMac(g, webMac)))).toList());
        assertTrue(troubleshooter.diagnose(twin, "web1", Optional.empty(), Destination.lan())
                .finding("duplicate-mac").isPresent(), "a whole read finds it");

        Diagnosis alone = troubleshooter.readingGuests(Set.of("web1")).diagnose(only(twin, Set.of("web1")), "web1",
                Optional.empty(), Destination.lan());
        assertTrue(alone.finding("duplicate-mac").isEmpty());
        assertTrue(alone.unchecked().stream().anyMatch(u -> u.contains("whether a shut-off guest has the same MAC")
                && u.contains("only web1 read")), () -> alone.unchecked().toString());
    }

    /**
     * A snapshot of web1 alone whose link table shows another running guest's tap with web1's MAC was not read as a
     * reader leaving guests out reads (that reads every guest then): nothing of the other guests counts as compared.
     */
    @Test
    void aTapWithTheGuestsMacOnAOneGuestReadIsSaidNotCompared() {
        String webMac = demo.guest("web1").orElseThrow().nics().get(0).mac();
        Guest other = demo.guests().stream().filter(g -> !g.name().equals("web1") && g.isRunning()
                && g.nics().get(0).target().isPresent()).findFirst().orElseThrow();
        String tap = other.nics().get(0).target().orElseThrow();
        HostSnapshot twin = demo.withGuests(demo.guests().stream().map(g -> g != other ? g
                : g.withNics(List.of(nicWithMac(g, webMac)))).toList()).updateLink(tap, l -> new Link(l.name(),
                l.kind(), Optional.of("fe" + webMac.substring(2)), l.mtu(), l.state(), l.adminUp(), l.master(),
                l.parent(), l.addresses(), l.vlanId()));
        assertTrue(troubleshooter.diagnose(twin, "web1", Optional.empty(), Destination.lan())
                .finding("duplicate-mac").isPresent(), "a whole read finds it");

        Diagnosis alone = troubleshooter.readingGuests(Set.of("web1")).diagnose(only(twin, Set.of("web1")), "web1",
                Optional.empty(), Destination.lan());
        assertTrue(alone.unchecked().stream().anyMatch(u -> u.startsWith("whether another guest has the same MAC")
                && u.contains("tap " + tap + " carries fe" + webMac.substring(2))), () -> alone.unchecked().toString());
    }

    @Test
    void anAddressTargetIsSaidNotComparedWithOtherGuests() {
        Diagnosis alone = troubleshooter.readingGuests(Set.of("web1")).diagnose(only(Set.of("web1")), "web1",
                Optional.empty(), Destination.parse("192.168.122.11"));
        assertTrue(alone.unchecked().stream().anyMatch(u -> u.startsWith("whether 192.168.122.11 is another "
                + "guest's address")), () -> alone.unchecked().toString());
    }

    @Test
    void aWholeReadSaysNothingOfOtherGuests() {
        Diagnosis whole = troubleshooter.readingGuests(Set.of("web1")).diagnose(demo, "web1", Optional.empty(),
                Destination.lan());
        assertEquals(troubleshooter.diagnose(demo, "web1", Optional.empty(), Destination.lan()), whole,
                "the snapshot holds every guest: nothing was left out");
    }

    private HostSnapshot only(Set<String> guests) {
        return only(demo, guests);
    }

    private static HostSnapshot only(HostSnapshot s, Set<String> guests) {
        return s.withGuests(s.guests().stream().filter(g -> guests.contains(g.name())).toList());
    }

    private static dev.virtwire.model.GuestNic nicWithMac(Guest g, String mac) {
        var n = g.nics().get(0);
        return new dev.virtwire.model.GuestNic(mac, n.model(), n.type(), n.source(), n.directMode(), n.target(),
                n.linkUp(), n.vlans(), n.addresses(), n.addresses6());
    }
}
