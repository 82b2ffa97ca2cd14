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
 * and then fails, as an ssh host that does not answer does. kvm1 and kvm2 can go down after they were read
 * ({@link #goDown}): their live updates say they lost the host, and opening them fails until {@link #comeBack}.
 * Their watch, or a read (the one once the watch listens, a Refresh), can be held back ({@link #holdWatch},
 * {@link #holdRead}).
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
    /** What each watched host tells when its live updates lose it. */
    private final Map<String, java.util.function.Consumer<String>> losses = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> opens = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Gate> watchGates = new java.util.concurrent.ConcurrentHashMap<>();
    /** By host and which read of one opening (1: the first, 2: once watched, 3: the first Refresh). */
    private final Map<String, Map<Integer, Gate>> readGates = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * kvm2's NAT network default bridged onto the LAN: its NIC eth1 a port of virbr0, which holds a LAN address too.
     * Where eth0 takes its address from the LAN's DHCP server, that is rogue DHCP on kvm2, fixed by releasing eth1.
     */
    static final String ROGUE_DHCP_ON_KVM2 = ", \"eth1\": {\"master\": \"virbr0\"}, \"virbr0\": {\"addresses\": "
            + "[\"192.168.122.1/24\", \"192.168.1.31/24\"]}";

    /** @param nasTapDown whether kvm2's nas has its tap (vnet3) down */
    SimFleet(boolean nasTapDown) {
        this(nasTapDown ? ", \"vnet3\": {\"state\": \"down\", \"admin_up\": false}" : "");
    }

    /** @param kvm2Links more of kvm2's links, as {@code , "NAME": {...}} */
    SimFleet(String kvm2Links) {
        up = Map.of("kvm1", DemoEdits.demo(), "kvm2", DemoEdits.demoWith(NEIGHBOUR.formatted(kvm2Links)));
    }

    /** Opens a host of the fleet as the window's opener does: kvm3 hangs until released, then fails. */
    Host open(FleetEntry entry) {
        HostSnapshot snapshot = up.get(entry.name());
        if (snapshot != null) {
            opens.computeIfAbsent(entry.name(), h -> new AtomicInteger()).incrementAndGet();
            if (down.contains(entry.name())) {
                throw new HostException("libvirt is not reachable at qemu+ssh://root@" + entry.name() + "/system: "
                        + "Connection refused");
            }
            return losable(entry.name(), opened.computeIfAbsent(entry.name(), h -> new SimulatedHost(snapshot)));
        }
        kvm3Tries.incrementAndGet();
        try {
            kvm3.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new HostException("ssh root@kvm3: connection timed out: is the host up and its sshd running?");
    }

    /**
     * The simulated host, whose watch keeps what it tells when the host is lost (a real host's connection) and then
     * waits at its gate, if any; a read with a gate waits there after reading.
     */
    private Host losable(String name, SimulatedHost host) {
        AtomicInteger reads = new AtomicInteger();
        return (Host) java.lang.reflect.Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("watch") && args.length == 2) {
                        @SuppressWarnings("unchecked")
                        var lost = (java.util.function.Consumer<String>) args[1];
                        losses.put(name, lost);
                    }
                    try {
                        if (method.getName().equals("watch")) {
                            pass(watchGates.get(name));
                            return host.watch((java.util.function.Consumer<dev.virtwire.host.HostChange>) args[0]);
                        }
                        Object answer = method.invoke(host, args);
                        if (method.getName().equals("snapshot")) {
                            pass(readGates.getOrDefault(name, Map.of()).get(reads.incrementAndGet()));
                        }
                        return answer;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void pass(Gate gate) throws InterruptedException {
        if (gate != null) {
            gate.reached.countDown();
            if (!gate.open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
    }

    /** Where a host's call waits until the test opens it. */
    static final class Gate {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        /** Waits until the call is there (held). */
        void awaitReached() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the call never came to the gate");
            }
        }

        void open() {
            open.countDown();
        }
    }

    /** The host's watch does not start until its gate is opened (as an ip monitor over ssh lags). */
    Gate holdWatch(String name) {
        return watchGates.computeIfAbsent(name, h -> new Gate());
    }

    /** The host's read once its watch listens (its second read) is not handed on until its gate is opened. */
    Gate holdReadAgain(String name) {
        return holdRead(name, 2);
    }

    /** The host's {@code nth} read (of one opening) is not handed on until its gate is opened. */
    Gate holdRead(String name, int nth) {
        return readGates.computeIfAbsent(name, h -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(nth, n -> new Gate());
    }

    /** The host's live updates lose it (as when its libvirtd stops): opening it fails until it comes back. */
    void goDown(String name, String why) {
        down.add(name);
        losses.get(name).accept(why);
    }

    void comeBack(String name) {
        down.remove(name);
    }

    /** How many times the host was opened (or tried). */
    int opens(String name) {
        AtomicInteger n = opens.get(name);
        return n == null ? 0 : n.get();
    }

    /** Whether the window watches the host (and would hear it lost). */
    boolean watched(String name) {
        return losses.containsKey(name);
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
