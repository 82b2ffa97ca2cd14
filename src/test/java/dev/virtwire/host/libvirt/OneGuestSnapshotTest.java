package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A read for a command about one guest looks that guest up by name and reads it: libvirt is not asked for the list
 * of every guest, and the snapshot holds the guest as a whole read has it, with every network.
 */
class OneGuestSnapshotTest {
    private static final Path OFFICE = Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml");

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

    private static HostSnapshot same(HostSnapshot s) {
        return s.withTakenAt(Instant.EPOCH);
    }
}
