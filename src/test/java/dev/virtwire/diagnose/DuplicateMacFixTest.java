package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Plan;
import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.fleet.FleetHost;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate-MAC fix between hosts: which guest's NIC it offers to change (a stopped one, else the one on the
 * host that sorts last; the other host on request), the new MAC (libvirt's range, random, unused in the fleet), and
 * its plan on that host: saved config only for a stopped guest, an honest unplug and plug for a running one; applied
 * on a simulated host, the finding is gone, and undo gives the old MAC back.
 */
class DuplicateMacFixTest {
    private static final String NAS = "52:54:00:3a:10:04";
    private static final String BUILD = "52:54:00:3a:10:08";
    private static final HostAddress KVM2 = new HostAddress("sim:///kvm2", new Target.Local());

    @TempDir
    Path state;

    private static FleetHost up(String name, HostSnapshot snapshot) {
        return new FleetHost.Up(name, "qemu+ssh://root@" + name + "/system", snapshot);
    }

    private static List<FleetFinding> check(long seed, FleetHost... hosts) {
        return FleetCheck.of(List.of(hosts), name -> new SuggestedCommands(List.of("--connect",
                "qemu+ssh://root@" + name + "/system")), new Random(seed));
    }

    private static FleetFinding about(List<FleetFinding> found, String mac) {
        return found.stream().filter(f -> f.id().equals("duplicate-mac") && f.title().contains(mac)).findFirst()
                .orElseThrow(() -> new AssertionError("no duplicate-mac about " + mac + ": " + found));
    }

    private static GuestIntent.SetNicMac intent(FleetFinding.HostFix fix) {
        return (GuestIntent.SetNicMac) fix.fix().intent();
    }

    @Test
    void eachClonesFixIsOnTheHostThatSortsLastWithAFreshLibvirtMacUnusedInTheFleet() {
        HostSnapshot kvm1 = DemoEdits.demo();
        HostSnapshot kvm2 = DemoEdits.demo();
        List<FleetFinding> macs = check(7, up("kvm2", kvm2), up("kvm1", kvm1)).stream()
                .filter(f -> f.id().equals("duplicate-mac")).toList();
        assertEquals(13, macs.size());
        Set<String> inUse = new HashSet<>();
        for (HostSnapshot s : List.of(kvm1, kvm2)) {
            s.guests().stream().map(Guest::nics).flatMap(List::stream).forEach(n -> inUse.add(n.mac()));
            s.links().forEach(l -> l.mac().ifPresent(inUse::add));
        }
        Set<String> given = new HashSet<>();
        for (FleetFinding f : macs) {
            assertEquals(List.of("kvm2", "kvm1"), f.fixes().stream().map(FleetFinding.HostFix::host).toList(),
                    "the same state on both: the host that sorts last first, the other on request: " + f);
            for (FleetFinding.HostFix fix : f.fixes()) {
                String newMac = intent(fix).newMac();
                assertTrue(newMac.matches("52:54:00(:[0-9a-f]{2}){3}"), newMac);
                assertFalse(inUse.contains(newMac), newMac + " is in use in the fleet");
                assertTrue(given.add(newMac), newMac + " was given to another fix of the same check");
            }
        }
        // a seeded source gives the same MACs again; another gives others
        assertEquals(intent(about(check(7, up("kvm2", kvm2), up("kvm1", kvm1)), NAS).fix().orElseThrow()),
                intent(about(macs, NAS).fix().orElseThrow()));
        assertFalse(intent(about(check(8, up("kvm2", kvm2), up("kvm1", kvm1)), NAS).fix().orElseThrow()).newMac()
                .equals(intent(about(macs, NAS).fix().orElseThrow()).newMac()));

        FleetFinding nas = about(macs, NAS);
        assertEquals("nas", intent(nas.fix().orElseThrow()).guest());
        assertTrue(nas.fix().orElseThrow().fix().description().startsWith("Give nas's NIC " + NAS + " on kvm2 the new "
                + "MAC 52:54:00:"), nas.fix().toString());
        assertTrue(nas.fix().orElseThrow().fix().description().endsWith(": nas is running, so the NIC is unplugged and "
                + "plugged in again (the guest sees it, and asks for a DHCP lease as a new client)"), nas.toString());
        assertTrue(about(macs, BUILD).fix().orElseThrow().fix().description().endsWith(" in its saved config (build "
                + "is not running)"), about(macs, BUILD).toString());
        assertTrue(nas.steps().get(0).startsWith("give all but one of them a new MAC (on kvm2: virsh edit nas"),
                nas.steps().toString());
    }

    @Test
    void aGuestThatIsNotRunningIsOfferedBeforeOneThatRuns() {
        HostSnapshot stopped = DemoEdits.demoWith("{\"guests\": {\"nas\": {\"state\": \"shutoff\"}}}");
        FleetFinding nas = about(check(1, up("kvm1", stopped), up("kvm2", DemoEdits.demo())), NAS);
        assertEquals("kvm1", nas.fix().orElseThrow().host(), "nas is shut off on kvm1: nothing is disturbed there");
        assertEquals("kvm2", nas.fixOn("kvm2").orElseThrow().host(), "the running one, when the user names kvm2");
    }

    @Test
    void aPausedGuestIsOfferedAfterOneThatRunsItsFixBeingRefusedUntilItIsResumed() {
        HostSnapshot paused = DemoEdits.demoWith("{\"guests\": {\"nas\": {\"state\": \"paused\"}}}");
        FleetFinding nas = about(check(3, up("kvm1", DemoEdits.demo()), up("kvm2", paused)), NAS);
        assertEquals(List.of("kvm1", "kvm2"), nas.fixes().stream().map(FleetFinding.HostFix::host).toList(),
                "the running clone first, though kvm2 sorts last: the paused one's fix would be refused");
    }

    @Test
    void eachCloneOnItsHostIsOfferedTheFixTheStoppedOneFirstEachSayingWhatItDisturbs() {
        HostSnapshot paused = DemoEdits.demoWith("{\"guests\": {\"nas\": {\"state\": \"paused\"}}}");
        HostSnapshot stopped = DemoEdits.demoWith("{\"guests\": {\"nas\": {\"state\": \"shutoff\"}}}");
        FleetFinding nas = about(check(5, up("kvm4", DemoEdits.demo()), up("kvm1", paused), up("kvm3", stopped),
                up("kvm2", DemoEdits.demo())), NAS);
        // the window's card offers the first, then a button for each other; the CLI takes any with --host
        assertEquals(List.of("kvm3", "kvm1", "kvm2", "kvm4"), nas.fixes().stream().map(FleetFinding.HostFix::host)
                .toList(), "one fix per host holding the MAC: the stopped clone first, then the others by host name");
        Set<String> newMacs = new HashSet<>();
        for (FleetFinding.HostFix fix : nas.fixes()) {
            GuestIntent.SetNicMac change = intent(fix);
            assertEquals("nas", change.guest(), fix.toString());
            assertEquals(NAS, change.mac(), fix.toString());
            assertTrue(newMacs.add(change.newMac()), "each clone its own new MAC: " + nas.fixes());
            assertEquals(fix, nas.fixOn(fix.host()).orElseThrow(), "what --host " + fix.host() + " makes");
            assertTrue(fix.fix().description().startsWith("Give nas's NIC " + NAS + " on " + fix.host()
                    + " the new MAC " + change.newMac()), fix.toString());
        }
        assertTrue(nas.fixOn("kvm3").orElseThrow().fix().description().endsWith(" in its saved config (nas is not "
                + "running)"), nas.fixes().toString());
        assertTrue(nas.fixOn("kvm2").orElseThrow().fix().description().endsWith(": nas is running, so the NIC is "
                + "unplugged and plugged in again (the guest sees it, and asks for a DHCP lease as a new client)"));
        // a paused guest cannot let go of its NIC (the plan refuses it): its words say so before it is pressed
        assertTrue(nas.fixOn("kvm1").orElseThrow().fix().description().endsWith(": nas is paused, so its NIC cannot "
                + "be unplugged: resume it or shut it off first"), nas.fixes().toString());
        assertTrue(nas.fixOn("kvm5").isEmpty(), "no fix on a host that does not hold the MAC");
    }

    @Test
    void theFixPlannedOnItsHostShowsItsCommandsAndIsUndoneToTheOldMac() {
        SimulatedHost kvm2 = new SimulatedHost(DemoEdits.demo());
        FleetHost kvm1 = up("kvm1", DemoEdits.demo());
        FleetFinding nas = about(check(3, kvm1, up("kvm2", kvm2.snapshot())), NAS);
        GuestIntent.SetNicMac running = intent(nas.fix().orElseThrow());
        String newMac = running.newMac();
        try (Changes changes = new Changes(kvm2, KVM2, state)) {
            Plan plan = changes.plan(running);
            assertEquals(List.of(
                    "virsh detach-interface nas bridge --mac " + NAS + " --live",
                    "virsh attach-device nas /dev/stdin --live",
                    "    <interface type=\"bridge\"><mac address=\"" + newMac + "\"/><source bridge=\"br0\"/></interface>",
                    "virsh detach-interface nas bridge --mac " + NAS + " --config",
                    "virsh attach-device nas /dev/stdin --config",
                    "    <interface type=\"bridge\"><mac address=\"" + newMac + "\"/><source bridge=\"br0\"/></interface>"),
                    plan.commands());
            assertEquals("Give nas's NIC " + NAS + " the new MAC " + newMac + " (nas runs: its NIC is unplugged and "
                    + "plugged in again)", plan.title());

            changes.apply(plan);
            assertTrue(kvm2.snapshot().guest("nas").orElseThrow().nic(newMac).isPresent(), "nas has its new MAC");
            assertTrue(check(3, kvm1, up("kvm2", kvm2.snapshot())).stream()
                    .noneMatch(f -> f.id().equals("duplicate-mac") && f.title().contains(NAS)), "checked again: gone");

            changes.undo();
            assertTrue(kvm2.snapshot().guest("nas").orElseThrow().nic(NAS).isPresent(), "undo: the old MAC back");
            assertTrue(kvm2.snapshot().guest("nas").orElseThrow().nic(newMac).isEmpty());
        }

        // a guest that is not running: its saved config alone
        try (Changes changes = new Changes(kvm2, KVM2, state.resolve("build"))) {
            Plan build = changes.plan(intent(about(check(3, kvm1, up("kvm2", kvm2.snapshot())), BUILD).fix()
                    .orElseThrow()));
            assertTrue(build.commands().stream().filter(c -> c.startsWith("virsh"))
                    .allMatch(c -> c.endsWith(" --config")), build.commands().toString());
            assertEquals(2, build.commands().stream().filter(c -> c.startsWith("virsh")).count());
        }
    }
}
