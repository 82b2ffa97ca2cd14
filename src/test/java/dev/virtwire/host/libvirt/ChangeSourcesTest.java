package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel's monitor ending by itself (the ssh link to the host broke) tells the host's watchers that its live
 * updates lost the host, and says so in the gaps; once the host is being closed, nobody is told.
 */
class ChangeSourcesTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    /** An "ssh client" that exits at once with 1: what ssh does when the host's connection ends (it says 255). */
    private static CommandRunner brokenLink() {
        return new CommandRunner(new Target.Ssh("kvm2", "false"));
    }

    @Test
    void aMonitorThatEndsTellsTheWatchersTheHostIsLost() throws Exception {
        LinkedBlockingQueue<String> lost = new LinkedBlockingQueue<>();
        List<String> gaps = new CopyOnWriteArrayList<>();
        try (LiveUpdates updates = new LiveUpdates(scope -> demo, demo);
             AutoCloseable watch = updates.add(change -> { }, lost::add)) {
            List<AutoCloseable> sources = ChangeSources.startKernel(brokenLink(), updates, gaps);
            assertEquals("'ip monitor' stopped (exit 1) on ssh kvm2", lost.poll(5, TimeUnit.SECONDS));
            assertEquals(List.of("'ip monitor' stopped (exit 1) on ssh kvm2: kernel changes are no longer seen live"),
                    gaps);
            for (AutoCloseable s : sources) {
                s.close();
            }
        }
    }

    @Test
    void aMonitorEndingWhileTheHostIsClosedIsNoLoss() throws Exception {
        LinkedBlockingQueue<String> lost = new LinkedBlockingQueue<>();
        try (LiveUpdates updates = new LiveUpdates(scope -> demo, demo);
             AutoCloseable watch = updates.add(change -> { }, lost::add)) {
            updates.quiet();
            ChangeSources.startKernel(brokenLink(), updates, new CopyOnWriteArrayList<>());
            assertNull(lost.poll(500, TimeUnit.MILLISECONDS));
        }
    }
}
