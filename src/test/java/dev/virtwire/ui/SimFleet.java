package dev.virtwire.ui;

import dev.virtwire.diagnose.DemoEdits;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet of simulated hosts for the window (kvm1 and kvm2 simulated, so probed by nothing): kvm1 the demo host; kvm2 a copy on the same LAN at other addresses
 * (nas at 192.168.1.61, its tap vnet3 down when asked); kvm3 a host whose opening hangs until {@link #release()}
 * and then fails, as an ssh host that does not answer does.
 */
final class SimFleet {
    static final String NEIGHBOUR = """
            {"links": {"eth0": {"addresses": ["192.168.1.21/24"]}%s},
             "guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"addresses": [{"ip": "192.168.1.61/24", "origin": "arp"}]}}},
                        "backup": {"nics": {"52:54:00:3a:10:0d": {"addresses": [{"ip": "192.168.1.63/24", "origin": "arp"}]}}}}}""";
    static final List<FleetEntry> HOSTS = List.of(
            new FleetEntry("kvm1", HostAddress.demo()),
            new FleetEntry("kvm2", HostAddress.demo()),
            new FleetEntry("kvm3", HostAddress.of("qemu+ssh://root@kvm3/system")));

    private final Map<String, HostSnapshot> up;
    private final Map<String, SimulatedHost> opened = new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch kvm3 = new CountDownLatch(1);
    private final AtomicInteger kvm3Tries = new AtomicInteger();

    /** @param nasTapDown whether kvm2's nas has its tap (vnet3) down */
    SimFleet(boolean nasTapDown) {
        up = Map.of("kvm1", DemoEdits.demo(), "kvm2", DemoEdits.demoWith(NEIGHBOUR.formatted(nasTapDown
                ? ", \"vnet3\": {\"state\": \"down\", \"admin_up\": false}" : "")));
    }

    /** Opens a host of the fleet as the window's opener does: kvm3 hangs until released, then fails. */
    Host open(FleetEntry entry) {
        HostSnapshot snapshot = up.get(entry.name());
        if (snapshot != null) {
            return opened.computeIfAbsent(entry.name(), h -> new SimulatedHost(snapshot));
        }
        kvm3Tries.incrementAndGet();
        try {
            kvm3.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new HostException("ssh root@kvm3: connection timed out: is the host up and its sshd running?");
    }

    /** kvm1 or kvm2 as the window opened it, to change it behind the window's back. */
    SimulatedHost host(String name) {
        return opened.get(name);
    }

    /** How many times kvm3 was tried. */
    int kvm3Tries() {
        return kvm3Tries.get();
    }

    /** kvm3's opening gives up now. */
    void release() {
        kvm3.countDown();
    }
}
