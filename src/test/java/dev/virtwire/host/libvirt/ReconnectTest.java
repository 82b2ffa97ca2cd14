package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.host.HostException;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;

/**
 * A connection that libvirt closed (as when libvirtd restarts) is replaced on the next read. The test driver's
 * connections are closed from here, which is what a client sees after the daemon went away.
 */
class ReconnectTest {
    private static final Path OFFICE = Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml");

    private final List<LibvirtConnection> opened = new CopyOnWriteArrayList<>();
    private final AtomicBoolean daemonUp = new AtomicBoolean(true);

    private LibvirtConnection open(String uri) throws LibvirtException {
        if (!daemonUp.get()) {
            // what libvirt says when nothing listens on the socket
            return new LibvirtConnection("test:///no/such/node/file.xml");
        }
        LibvirtConnection c = new LibvirtConnection(uri);
        opened.add(c);
        return c;
    }

    @Test
    void theNextSnapshotReconnectsAndSaysSoOnce() throws Exception {
        try (LibvirtHost host = RecordedHost.open(OFFICE, this::open)) {
            HostSnapshot before = host.snapshot();
            opened.get(0).close();
            HostSnapshot after = host.snapshot();
            assertEquals(2, opened.size(), "one new connection");
            assertEquals(before.networks(), after.networks());
            assertEquals(before.guests(), after.guests());
            assertTrue(after.gaps().stream().anyMatch(g -> g.matches(
                    "libvirt connection was lost at \\d\\d:\\d\\d:\\d\\d and re-established")), after.gaps().toString());
            HostSnapshot later = host.snapshot();
            assertFalse(later.gaps().stream().anyMatch(g -> g.contains("connection was lost")), "said once");
            assertEquals(2, opened.size(), "a live connection is kept");
        }
    }

    @Test
    void whenTheDaemonIsStillDownTheMessageSaysWhatToDoAndALaterReadRecovers() throws Exception {
        try (LibvirtHost host = RecordedHost.open(OFFICE, this::open)) {
            host.snapshot();
            opened.get(0).close();
            daemonUp.set(false);
            HostException down = assertThrows(HostException.class, host::snapshot);
            assertTrue(down.getMessage().contains("is unreachable: the connection was lost at"), down.getMessage());
            assertTrue(down.getMessage().contains("Start the daemon"), down.getMessage());
            daemonUp.set(true);
            assertFalse(host.snapshot().networks().isEmpty());
        }
    }
}
