package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * libvirtd restarting under an open host (as after a package upgrade): the next read reconnects and says so; a host
 * being watched hears at once that its live updates lost the connection (a fleet's frame then shows it down).
 */
@LabTest
class ReconnectLabTest {
    private final Lab lab;

    ReconnectLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void aSnapshotAfterLibvirtdRestartedReconnectsAndShowsTheSameGuests() throws Exception {
        HostAddress address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
        List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a second host, watched as a fleet's frame watches it: its live updates say at once that they lost it
        try (Host host = Hosts.open(address); Host watched = Hosts.open(address);
             AutoCloseable watch = watched.watch(change -> { }, lost::add)) {
            HostSnapshot before = host.snapshot();
            CommandResult restart = lab.lab("restart-libvirtd");
            assertTrue(restart.ok(), restart::describe);
            assertEquals("libvirt closed the connection to " + lab.uri() + " (the daemon stopped, or the link to it "
                    + "ended)", lost.isEmpty() ? "nothing told" : lost.get(0));

            HostSnapshot after = host.snapshot();
            assertTrue(after.gaps().stream().anyMatch(g -> g.contains("connection was lost")
                    && g.contains("re-established")), () -> "no word of the reconnect in " + after.gaps());
            assertEquals(names(before), names(after));
            assertEquals(before.networks().size(), after.networks().size());
        }
    }

    private static List<String> names(HostSnapshot s) {
        return s.guests().stream().map(Guest::name).sorted().toList();
    }
}
