package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.cli.CliRun;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Host;
import dev.virtwire.host.kernel.LinksOnPath;
import dev.virtwire.host.kernel.OnlyPathSettings;
import dev.virtwire.lab.Eventually;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.lab.LabUpOncePerClass;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.model.HostSnapshot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the lab, a command about g1 reads g1 alone of libvirt's guests (one lookup, no list of every guest) and the
 * own settings of the links on its path alone, and comes to the same diagnosis and the same plan as on a read of
 * everything; a running guest with g1's MAC makes the read of g1 a read of every guest, which names it.
 */
@LabTest
@LabUpOncePerClass // each test takes back what it plugged in
class LabOneGuestReadTest {
    private static final String GUEST = "g1";
    /** the running guest that gets a NIC with g1's MAC */
    private static final String TWIN = "g3";
    private final LabTools lab;
    private final Lab theLab;
    private final String netns;

    @TempDir
    Path state;

    LabOneGuestReadTest(Lab lab) {
        this.lab = new LabTools(lab);
        this.theLab = lab;
        this.netns = lab.netns();
    }

    @Test
    void aDiagnosisOfG1ReadsOnlyG1AndFindsWhatAWholeReadFinds() {
        CountedCalls calls = new CountedCalls();
        try (LibvirtHost host = LibvirtHostOpening.open(lab.address(), calls::open, false)) {
            HostSnapshot whole = host.snapshot();
            calls.reset();
            HostSnapshot one = host.snapshotOfGuests(Set.of(GUEST));
            assertEquals(0, calls.lists.get(), "no list of every guest");
            assertEquals(1, calls.lookups.get(), "one lookup: g1's");
            assertEquals(List.of(GUEST), one.guests().stream().map(Guest::name).toList());

            Troubleshooter troubleshooter = new Troubleshooter(Probes.none());
            for (Destination to : List.of("internet", "lan", "host").stream().map(Destination::parse).toList()) {
                Diagnosis full = troubleshooter.diagnose(whole, GUEST, Optional.empty(), to);
                Diagnosis alone = troubleshooter.readingGuests(Set.of(GUEST)).diagnose(one, GUEST, Optional.empty(),
                        to);
                assertEquals(full.reachable(), alone.reachable(), to.token());
                assertEquals(full.path(), alone.path(), to.token());
                assertEquals(full.findings(), alone.findings(), to.token());
            }
        }
    }

    /**
     * g1's network lists g1's lease as its DHCP server (libvirt's dnsmasq) gave it, read in one call on a read of g1
     * alone as on a whole read; libvirt-java 0.5.4 does not wrap the call, Virtwire makes it itself.
     */
    @Test
    void g1sNetworkListsG1sLeaseOnAReadOfG1AloneAndOnAWholeRead() {
        String ip = theLab.guestIp(GUEST);
        assertTrue(!ip.isEmpty(), "the lab knows no address of g1");
        try (LibvirtHost host = LibvirtHostOpening.openForGuests(lab.address())) {
            for (HostSnapshot read : List.of(host.snapshotOfGuests(Set.of(GUEST)), host.snapshot())) {
                GuestNic nic = read.guest(GUEST).orElseThrow().nics().get(0);
                VirtualNetwork network = read.network(nic.source().orElseThrow()).orElseThrow();
                assertTrue(read.gaps().stream().noneMatch(g -> g.contains("leases")), read.gaps()::toString);
                DhcpLease lease = network.leases().stream().filter(l -> l.mac().equals(nic.mac())).findFirst()
                        .orElseThrow(() -> new AssertionError("no lease of g1's " + nic.mac() + " in "
                                + network.leases()));
                assertEquals(ip, lease.address(), lease::toString);
                assertTrue(lease.expires().orElseThrow().isAfter(java.time.Instant.now()), lease::toString);
            }
        }
    }

    @Test
    void aHostOpenedForG1ReadsTheSettingsOfG1sPathAsAWholeReadHasThem() {
        HostSnapshot whole;
        try (LibvirtHost host = LibvirtHostOpening.open(lab.address())) {
            whole = host.snapshot();
        }
        try (LibvirtHost host = LibvirtHostOpening.openForGuests(lab.address())) {
            HostSnapshot one = host.snapshotOfGuests(Set.of(GUEST));
            Set<String> path = LinksOnPath.of(one);
            String tap = one.guest(GUEST).orElseThrow().nics().get(0).target().orElseThrow();
            assertTrue(path.containsAll(List.of(tap, "virbr0")), path::toString);
            assertTrue(path.size() < whole.links().size(), "not every link: " + path);
            assertEquals(whole.links(), one.links(), "every link, as a whole read has it");
            assertEquals(OnlyPathSettings.of(whole, one), one.kernel());

            Troubleshooter troubleshooter = new Troubleshooter(Probes.none());
            for (Destination to : List.of("internet", "lan", "host").stream().map(Destination::parse).toList()) {
                Diagnosis full = troubleshooter.readingGuests(Set.of(GUEST)).diagnose(
                        whole.withGuests(one.guests()), GUEST, Optional.empty(), to);
                Diagnosis alone = troubleshooter.readingGuests(Set.of(GUEST)).diagnose(one, GUEST, Optional.empty(),
                        to);
                assertEquals(full, alone, to.token());
            }
        }
    }

    @Test
    void switchingG1ToBridgedIsPlannedAsOnAReadOfEverything() {
        CountedCalls calls = new CountedCalls();
        try (LibvirtHost host = LibvirtHostOpening.open(lab.address(), calls::open, false);
             Changes scoped = new Changes(host, lab.address(), state.resolve("scoped"));
             Changes whole = new Changes(readingEverything(host), lab.address(), state.resolve("whole"))) {
            String mac = host.snapshot().guest(GUEST).orElseThrow().nics().get(0).mac();
            Intent bridged = new GuestIntent.SwitchToBridged(GUEST, mac, Optional.empty());
            calls.reset();
            List<String> planned = scoped.plan(bridged).commands();
            assertEquals(0, calls.lists.get(), "no list of every guest while planning");
            assertEquals(whole.plan(bridged).commands(), planned);

            // as `virtwire mode` does: the command reads g1 (for its only NIC), and the plan starts from that read
            scoped.readGuests(Set.of(GUEST));
            calls.reset();
            assertEquals(planned, scoped.plan(bridged).commands());
            assertEquals(0, calls.lists.get() + calls.lookups.get(), "planned on the command's own read of g1");
        }
    }

    /**
     * g3 given, live, a second NIC with g1's MAC (on its own network, isolated, so that g1's bridge keeps one owner
     * of the MAC): its tap carries the MAC behind fe, so the read of g1 becomes a read of every guest and the
     * diagnosis, of the host and of `virtwire diagnose g1`, names g3 as a whole read does. On the lab as `lab up`
     * leaves it the read of g1 reads g1 alone.
     */
    @Test
    void aRunningGuestWithG1sMacIsNamedOnTheReadOfG1() {
        try (LibvirtHost host = LibvirtHostOpening.open(lab.address())) {
            HostSnapshot clean = host.snapshotOfGuests(Set.of(GUEST));
            assertEquals(List.of(GUEST), names(clean), "no other running guest shows g1's MAC or address");
            String mac = clean.guest(GUEST).orElseThrow().nics().get(0).mac();
            lab.virsh("attach-interface", TWIN, "network", "isolated", "--mac", mac, "--model", "virtio", "--live");
            try {
                HostSnapshot whole = host.snapshot();
                HostSnapshot one = host.snapshotOfGuests(Set.of(GUEST));
                assertEquals(names(whole), names(one), "every guest read: the tap with g1's MAC is " + TWIN + "'s");
                Troubleshooter troubleshooter = new Troubleshooter(Probes.none());
                Diagnosis full = troubleshooter.diagnose(whole, GUEST, Optional.empty(), Destination.lan());
                Diagnosis alone = troubleshooter.readingGuests(Set.of(GUEST)).diagnose(one, GUEST, Optional.empty(),
                        Destination.lan());
                String named = "Guest " + TWIN + " has the same MAC " + mac + " as " + GUEST;
                assertTrue(alone.findings().stream().anyMatch(f -> f.title().equals(named)), alone::toString);
                assertEquals(full.findings(), alone.findings());

                CliRun cli = Lab.cli(state.resolve("cli"), lab.uri(), "diagnose", GUEST, "--to", "lan", "--no-probes",
                        "--netns", netns, "--json");
                assertTrue(cli.out().contains(named), cli.out() + cli.err());
            } finally {
                lab.virshQuietly("detach-interface", TWIN, "network", "--mac", mac, "--live");
            }
            assertTrue(unplugged(mac), TWIN + " still has the NIC with " + mac + " after detach-interface");
        }
    }

    /** Whether g3's NIC with this MAC is gone within 10 s (the guest acknowledges an unplug). */
    private boolean unplugged(String mac) {
        return Eventually.within(Duration.ofSeconds(10), () -> !lab.virsh("domiflist", TWIN).contains(mac));
    }

    private static List<String> names(HostSnapshot snapshot) {
        return snapshot.guests().stream().map(Guest::name).toList();
    }

    /** The host as a reader that cannot leave guests out: every read reads everything. */
    private static Host readingEverything(LibvirtHost host) {
        return (Host) Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("snapshotOfGuests")) {
                        return host.snapshot();
                    }
                    try {
                        return method.invoke(host, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
