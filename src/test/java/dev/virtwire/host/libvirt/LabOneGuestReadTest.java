package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Host;
import dev.virtwire.host.kernel.LinksOnPath;
import dev.virtwire.host.kernel.OnlyPathSettings;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the lab, a command about g1 reads g1 alone of libvirt's guests (one lookup, no list of every guest) and the
 * own settings of the links on its path alone, and comes to the same diagnosis and the same plan as on a read of
 * everything.
 */
@LabTest
class LabOneGuestReadTest {
    private static final String GUEST = "g1";
    private final LabTools lab;

    @TempDir
    Path state;

    LabOneGuestReadTest(Lab lab) {
        this.lab = new LabTools(lab);
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
