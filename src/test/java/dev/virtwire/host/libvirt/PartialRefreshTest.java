package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.host.ReadScope;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;

/** A libvirt host read in parts: what the subjects name is read again, the rest is the last read. */
class PartialRefreshTest {
    private static final String WEB1_NIC = "nic:web1/52:54:00:3a:10:01";

    @Test
    void theNamedGuestAndNetworksAreReadAgainTheOthersAreNot() throws LibvirtException {
        try (LibvirtHost host = RecordedHost.open(Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml"))) {
            HostSnapshot base = host.snapshot();
            assertTrue(base.guest("web1").orElseThrow().isRunning() && base.guest("nas").orElseThrow().isRunning());
            host.virtualNetworks().setNetworkActive("isolated", false);
            stop(host, "web1");
            stop(host, "nas");

            HostSnapshot partial = host.refresh(base, scope(WEB1_NIC, "network:isolated"));
            assertEquals(GuestState.SHUTOFF, partial.guest("web1").orElseThrow().state());
            assertFalse(partial.network("isolated").orElseThrow().active());
            assertTrue(partial.guest("nas").orElseThrow().isRunning(), "nas was not named: not read again");

            HostSnapshot named = host.refresh(partial, scope("guest:nas"));
            assertEquals(same(host.snapshot()), same(named), "every change named: as a full read");
        }
    }

    @Test
    void theOutsideReadsEverything() throws LibvirtException {
        try (LibvirtHost host = RecordedHost.open(Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml"))) {
            HostSnapshot base = host.snapshot();
            stop(host, "nas");
            HostSnapshot read = host.refresh(base, scope(WEB1_NIC, "outside"));
            assertEquals(GuestState.SHUTOFF, read.guest("nas").orElseThrow().state());
        }
    }

    private static void stop(LibvirtHost host, String guest) throws LibvirtException {
        host.session().connection.domainLookupByName(guest).destroy();
    }

    private static HostSnapshot same(HostSnapshot s) {
        return s.withTakenAt(Instant.EPOCH);
    }

    private static ReadScope scope(String... ids) {
        return ReadScope.of(java.util.Arrays.stream(ids).map(Id::parse).toList());
    }
}
