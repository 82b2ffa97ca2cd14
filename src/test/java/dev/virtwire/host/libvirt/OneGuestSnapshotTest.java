package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Golden;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A read for a command about one guest looks that guest up by name and reads it: libvirt is not asked for the list
 * of every guest, and the snapshot holds the guest as a whole read has it, with every network; when the host-wide
 * index (the link table's taps, the ARP cache) shows another running guest with its MAC, it reads every guest.
 */
class OneGuestSnapshotTest {
    private static final Path OFFICE = Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml");
    /** guests a and b share a MAC, whose tap the recorded link table holds; c has a MAC of its own */
    private static final Path ONE_MAC_TWICE = Golden.RESOURCES.resolve("libvirt/hosts/one-mac-twice.xml");

    @Test
    void oneGuestIsLookedUpAndReadTheOthersAreNotListed() {
        CountedCalls calls = new CountedCalls();
        try (LibvirtHost host = RecordedHost.open(OFFICE, calls::open)) {
            HostSnapshot whole = host.snapshot();
            calls.reset();

            HostSnapshot one = host.snapshotOfGuests(Set.of("web1"));
            assertEquals(List.of("web1"), one.guests().stream().map(Guest::name).toList());
            assertEquals(0, calls.lists.get(), "no list of every guest");
            assertEquals(1, calls.lookups.get(), "one lookup: web1's");
            assertEquals(whole.guest("web1"), one.guest("web1"));
            assertEquals(whole.networks(), one.networks());
            assertEquals(same(whole.withGuests(one.guests())), same(one), "links, routes, firewall: as a whole read");
        }
    }

    @Test
    void aGuestThatDoesNotExistMakesItAWholeRead() {
        try (LibvirtHost host = RecordedHost.open(OFFICE)) {
            HostSnapshot read = host.snapshotOfGuests(Set.of("nosuch"));
            assertTrue(read.guest("web1").isPresent() && read.guest("nas").isPresent(),
                    "every guest, for a refusal that names them");
        }
    }

    @Test
    void aRefreshAfterItReadsOnlyWhatItNames() {
        try (LibvirtHost host = RecordedHost.open(OFFICE)) {
            HostSnapshot one = host.snapshotOfGuests(Set.of("web1", "db1"));
            HostSnapshot again = host.refresh(one, dev.virtwire.host.ReadScope.ofGuest("nas"));
            assertEquals(Set.of("web1", "db1", "nas"), Set.copyOf(again.guests().stream().map(Guest::name).toList()));
        }
    }

    @Test
    void aRunningGuestsTapWithTheGuestsMacMakesItAWholeReadThatFindsWhatAWholeReadFinds() {
        try (LibvirtHost host = RecordedHost.open(ONE_MAC_TWICE)) {
            HostSnapshot whole = host.snapshot();
            HostSnapshot one = host.snapshotOfGuests(Set.of("a"));
            assertEquals(List.of("a", "b", "c"), one.guests().stream().map(Guest::name).toList(),
                    "tap vnet0 carries a's MAC (first octet fe): every guest read, to name whose it is");

            Troubleshooter troubleshooter = new Troubleshooter();
            Diagnosis full = troubleshooter.diagnose(whole, "a", Optional.empty(), Destination.lan());
            Diagnosis alone = troubleshooter.readingGuests(Set.of("a")).diagnose(one, "a", Optional.empty(),
                    Destination.lan());
            assertTrue(full.findings().stream().anyMatch(f -> f.title().equals("Guest b has the same MAC "
                    + "52:54:00:12:34:56 as a")), full.findings()::toString);
            assertEquals(full.findings(), alone.findings());
            assertEquals(full.unchecked(), alone.unchecked());
        }
    }

    @Test
    void aGuestNoTapOrArpEntryClashesWithStaysAOneGuestReadWithTheFindingsOfAWholeRead() {
        try (LibvirtHost host = RecordedHost.open(ONE_MAC_TWICE)) {
            HostSnapshot whole = host.snapshot();
            HostSnapshot one = host.snapshotOfGuests(Set.of("c"));
            assertEquals(List.of("c"), one.guests().stream().map(Guest::name).toList());

            Troubleshooter troubleshooter = new Troubleshooter();
            for (Destination to : List.of(Destination.lan(), Destination.parse("internet"))) {
                Diagnosis full = troubleshooter.diagnose(whole, "c", Optional.empty(), to);
                Diagnosis alone = troubleshooter.readingGuests(Set.of("c")).diagnose(one, "c", Optional.empty(), to);
                assertEquals(full.findings(), alone.findings(), to.token());
                assertTrue(alone.unchecked().stream().anyMatch(u -> u.startsWith("whether a shut-off guest has the "
                        + "same MAC") && u.contains("running guests were compared through the host's link table")),
                        alone.unchecked()::toString);
            }
        }
    }

    private static HostSnapshot same(HostSnapshot s) {
        return s.withTakenAt(Instant.EPOCH);
    }
}
