package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.Golden;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import dev.virtwire.model.json.TopologyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole fake hosts (libvirt test-driver node files, hosts/NAME.xml) read through libvirt-java and the real
 * libvirt0 library, compared with hosts/NAME.expected.json. Kernel and firewall are the recorded captures.
 */
class TestDriverHostTest {
    private static final Path HOSTS = Golden.RESOURCES.resolve("libvirt/hosts");
    private static final Path OFFICE = HOSTS.resolve("small-office.xml");

    static Stream<Path> hosts() throws IOException {
        return Files.list(HOSTS).filter(p -> p.toString().endsWith(".xml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void readsAWholeHost(Path node) {
        try (LibvirtHost host = RecordedHost.open(node)) {
            ObjectNode json = TopologyJson.toJson(host.snapshot());
            // the recorded kernel and firewall have golden tests of their own; the graph is the model's business
            json.remove(java.util.List.of("host", "links", "routes", "kernel", "firewall", "graph"));
            Path expected = HOSTS.resolve(node.getFileName().toString().replace(".xml", ".expected.json"));
            Golden.assertMatches(expected, json);
        }
    }

    @Test
    void hostsOpenReadsTestUrisAndTheirLocalKernel() {
        var address = new HostAddress("test:///default", new Target.Local());
        try (var host = Hosts.open(address)) {
            var snapshot = host.snapshot();
            assertEquals("9", snapshot.host().libvirtVersion().orElseThrow().split("\\.")[0]);
            assertEquals("test", snapshot.guests().get(0).name());
            assertTrue(snapshot.link("lo").isPresent(), "the local kernel's links are read too");
        }
    }

    @Test
    void watchersHearOfANetworkStoppedAndStarted() throws Exception {
        try (LibvirtHost host = RecordedHost.open(OFFICE)) {
            LinkedBlockingQueue<HostChange> changes = new LinkedBlockingQueue<>();
            try (AutoCloseable watch = host.watch(changes::add)) {
                host.virtualNetworks().setNetworkActive("isolated", false);
                // 5 s: how long before the event counts as lost, not a speed target (the benchmark measures that)
                HostChange stopped = changes.poll(5, TimeUnit.SECONDS);
                assertTrue(stopped != null, "no change heard within 5 s");
                assertTrue(stopped.touched().contains(new Id.Network("isolated")), stopped.touched().toString());
                assertEquals(false, stopped.snapshot().network("isolated").orElseThrow().active());
                host.virtualNetworks().setNetworkActive("isolated", true);
                HostChange started = changes.poll(5, TimeUnit.SECONDS);
                assertTrue(started != null && started.snapshot().network("isolated").orElseThrow().active());
            }
        }
    }

    @Test
    void aHostOpenedToReadConnectsAgainToHearEventsOnceWatched() throws Exception {
        // libvirt's event loop is per process: whether an earlier test started it decides which path runs here
        boolean loopRan = EventLoop.running();
        AtomicInteger opened = new AtomicInteger();
        try (LibvirtHost host = RecordedHost.open(OFFICE, uri -> {
            opened.incrementAndGet();
            return new LibvirtConnection(uri);
        })) {
            assertEquals(loopRan, host.session().hearsEvents, "a host opened to read leaves the event loop alone");
            try (AutoCloseable watch = host.watch(change -> { })) {
                assertTrue(EventLoop.running() && host.session().hearsEvents);
                assertEquals(loopRan ? 1 : 2, opened.get(), "connections opened");
            }
        }
    }

    /** The window reads a host, then watches it: the watcher begins from that read, unless a change came between. */
    @Test
    void aWatcherBeginsFromTheReadJustMade() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        try (LibvirtHost host = RecordedHost.open(OFFICE, reads)) {
            host.snapshot();
            int afterRead = reads.get();
            try (AutoCloseable watch = host.watch(change -> { })) {
                assertEquals(afterRead, reads.get(), "full reads before the watcher started");
            }
        }
        AtomicInteger readsWithChange = new AtomicInteger();
        try (LibvirtHost host = RecordedHost.open(OFFICE, readsWithChange)) {
            host.snapshot();
            host.virtualNetworks().setNetworkActive("isolated", false);
            int afterChange = readsWithChange.get();
            try (AutoCloseable watch = host.watch(change -> { })) {
                assertEquals(afterChange + 1, readsWithChange.get(), "the change is read before watching begins");
            }
        }
    }

    @Test
    void refusalsSayWhatIsWrong() {
        try (LibvirtHost host = RecordedHost.open(OFFICE)) {
            var notRunning = assertThrows(HostException.class,
                    () -> host.guests().setNicLink("build", "52:54:00:3a:50:01", false, Scope.LIVE));
            assertTrue(notRunning.getMessage().contains("build is not running"), notRunning.getMessage());
            var noGuest = assertThrows(HostException.class,
                    () -> host.guests().attachNic("nobody", "52:54:00:3a:50:01", NicType.BRIDGE, "br0", Scope.BOTH));
            assertTrue(noGuest.getMessage().contains("there is no guest named 'nobody'"), noGuest.getMessage());
            var already = assertThrows(HostException.class, () -> host.virtualNetworks().setNetworkActive("default", true));
            assertTrue(already.getMessage().contains("already active"), already.getMessage());
            // the test driver cannot update devices: libvirt's own refusal comes through, with what was tried
            var unsupported = assertThrows(HostException.class,
                    () -> host.guests().attachNic("web1", "52:54:00:3a:10:01", NicType.BRIDGE, "br0", Scope.LIVE));
            assertTrue(unsupported.getMessage().startsWith("attaching NIC 52:54:00:3a:10:01 of web1 to bridge br0"
                    + " failed: "), unsupported.getMessage());
        }
    }

    @Test
    void anUnreachableDaemonSaysToStartIt() {
        var address = new HostAddress("qemu+unix:///system?socket=/nonexistent/libvirt-sock", new Target.Local());
        var e = assertThrows(HostException.class, () -> Hosts.open(address));
        assertTrue(e.getMessage().startsWith("libvirt is not reachable at qemu+unix:///system?socket=/nonexistent"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Start the daemon"), e.getMessage());
    }
}
