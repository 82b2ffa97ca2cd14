package dev.virtwire.host.libvirt;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.lab.LabUpOncePerClass;

/**
 * Changes made behind Virtwire's back (another admin's ip or virsh) reach watchers, without a read asked for.
 * How soon is printed, not asserted: the live-update benchmark (src/bench/run) measures it; the 5 s here is only
 * how long a change may take before the test calls it lost. The test brings its own bridges, veth pair and an
 * OS-less probe guest, so the lab's guests are left alone.
 */
@LabTest
@LabUpOncePerClass // each test removes what it made (AfterEach)
class LabLiveUpdateTest {
    /** Past this a change counts as never shown (a bound for the test, not a speed target). */
    private static final long LOST_AFTER_MS = 5000;
    private final LabTools lab;
    private final String tag = "vwd" + (ProcessHandle.current().pid() % 10000);
    private final String br1 = tag + "br1";
    private final String br2 = tag + "br2";
    private final String probe = tag + "-probe";
    private final String mac = String.format("52:54:00:de:%02x:%02x", (ProcessHandle.current().pid() / 256) % 256,
            ProcessHandle.current().pid() % 256);
    private final LinkedBlockingQueue<HostChange> changes = new LinkedBlockingQueue<>();

    LabLiveUpdateTest(Lab lab) {
        this.lab = new LabTools(lab);
    }

    @BeforeEach
    void bridges() {
        CommandRunner ns = lab.inLab();
        for (String br : List.of(br1, br2)) {
            ns.output(List.of("ip", "link", "add", br, "type", "bridge"));
            ns.output(List.of("ip", "link", "set", br, "up"));
        }
        ns.output(List.of("ip", "link", "add", tag + "a", "type", "veth", "peer", "name", tag + "b"));
    }

    @AfterEach
    void cleanUp() {
        CommandRunner local = new CommandRunner(new Target.Local());
        local.run(List.of("virsh", "-c", lab.uri(), "destroy", probe));
        local.run(List.of("virsh", "-c", lab.uri(), "undefine", probe));
        for (String link : List.of(tag + "a", br1, br2)) {
            lab.inLab().run(List.of("ip", "link", "del", link));
        }
    }

    @Test
    void anExternalIpLinkSetMasterReachesTheModel() throws Exception {
        try (Host host = Hosts.open(lab.address()); AutoCloseable w = host.watch(changes::add)) {
            host.snapshot();
            String link = tag + "a";
            external(List.of("ip", "link", "set", link, "master", br1), lab.inLab(),
                    s -> s.link(link).flatMap(l -> l.master()).equals(Optional.of(br1)));
            external(List.of("ip", "link", "set", link, "nomaster"), lab.inLab(),
                    s -> s.link(link).flatMap(l -> l.master()).isEmpty());
        }
    }

    @Test
    void anExternalVirshUpdateDeviceReachesTheModel() throws Exception {
        Path xml = Files.createTempFile("virtwire-probe", ".xml");
        try (Host host = Hosts.open(lab.address()); AutoCloseable w = host.watch(changes::add)) {
            Files.writeString(xml, probeXml(br1));
            lab.virsh("define", xml.toString());
            lab.virsh("start", probe);
            waitFor(s -> s.guest(probe).filter(g -> g.isRunning()).isPresent(), 5000);

            // live: the NIC moves to another bridge, its tap with it
            Files.writeString(xml, nicXml(br2, "up"));
            external(List.of("virsh", "-c", lab.uri(), "update-device", probe, xml.toString(), "--live"),
                    new CommandRunner(new Target.Local()), s -> nic(s).flatMap(n -> n.source()).equals(Optional.of(br2))
                            && nic(s).flatMap(n -> n.target()).flatMap(s::link).flatMap(l -> l.master())
                            .equals(Optional.of(br2)));

            // config only: the running guest is untouched, the saved config now differs from it
            Files.writeString(xml, nicXml(br1, "down"));
            external(List.of("virsh", "-c", lab.uri(), "update-device", probe, xml.toString(), "--config"),
                    new CommandRunner(new Target.Local()), s -> s.gaps().stream()
                            .anyMatch(g -> g.startsWith("guest " + probe + ": NIC " + mac + " runs bridge " + br2)));
        } finally {
            Files.deleteIfExists(xml);
        }
    }

    private Optional<dev.virtwire.model.GuestNic> nic(HostSnapshot s) {
        return s.guest(probe).flatMap(g -> g.nic(mac));
    }

    /** Runs the command, then waits for a change the predicate accepts, and prints how long that took. */
    private void external(List<String> argv, CommandRunner where, Predicate<HostSnapshot> shows) throws Exception {
        changes.clear();
        where.output(argv);
        long start = System.nanoTime();
        waitFor(shows, LOST_AFTER_MS);
        long took = (System.nanoTime() - start) / 1_000_000;
        System.out.println("live update: '" + String.join(" ", argv) + "' showed after " + took + " ms");
    }

    private void waitFor(Predicate<HostSnapshot> shows, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + maxMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            HostChange c = changes.poll(50, TimeUnit.MILLISECONDS);
            if (c != null && shows.test(c.snapshot())) {
                return;
            }
        }
        throw new AssertionError("no change showed it within " + maxMs + " ms");
    }

    private String probeXml(String bridge) {
        return "<domain type='qemu'><name>" + probe + "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>" + nicXml(bridge, "up")
                + "</devices></domain>";
    }

    private String nicXml(String bridge, String link) {
        return "<interface type='bridge'><mac address='" + mac + "'/><source bridge='" + bridge + "'/>"
                + "<model type='virtio'/><link state='" + link + "'/></interface>";
    }
}
