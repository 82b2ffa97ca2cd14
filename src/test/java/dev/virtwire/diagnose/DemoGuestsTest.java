package dev.virtwire.diagnose;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.model.Id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.HostSnapshot;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo host as a new user sees it: healthy guests reach everything, troubled ones say why. */
class DemoGuestsTest {
    private final HostSnapshot demo = DemoEdits.demo();
    private final Troubleshooter troubleshooter = new Troubleshooter();

    @ParameterizedTest
    @CsvSource({"web1,internet", "web1,lan", "web1,host", "web1,guest:db1", "db1,internet", "db1,host",
            "nas,lan", "nas,internet", "media,lan", "media,internet", "web1,192.168.122.11", "nas,guest:media"})
    void healthyGuestsReachTheirTargetWithoutErrors(String guest, String target) {
        Diagnosis d = troubleshooter.diagnose(demo, guest, Optional.empty(), Destination.parse(target));
        assertEquals(Optional.of(true), d.reachable(), () -> describe(d));
        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), () -> describe(d));
        assertTrue(d.path().stream().allMatch(Hop::ok), () -> describe(d));
    }

    @Test
    void mailsTapOnNoBridgeIsTheRootCauseAndTheMissingLeaseItsSymptom() {
        Diagnosis d = troubleshooter.diagnose(demo, "mail", Optional.empty(), Destination.internet());
        assertEquals(Optional.of(false), d.reachable());
        Finding first = d.findings().get(0);
        assertEquals("tap-not-on-bridge", first.id(), () -> describe(d));
        assertEquals(Optional.of(Fix.of(new LinkIntent.SetLinkMaster("vnet6", Optional.of("virbr0")))), first.fix());
        assertTrue(first.symptoms().stream().anyMatch(f -> f.id().equals("no-dhcp-lease")), () -> describe(d));
        assertTrue(d.findings().stream().noneMatch(f -> f.id().equals("no-dhcp-lease")), "grouped, not repeated");
        assertEquals(new Hop(new Id.Link("vnet6"), false, Optional.of("tap-not-on-bridge")), d.path().get(2));
    }

    @Test
    void testLabsUnpluggedCableComesFirstWithAOneClickFix() {
        Diagnosis d = troubleshooter.diagnose(demo, "test-lab", Optional.empty(), Destination.host());
        assertEquals("guest-link-down", d.findings().get(0).id(), () -> describe(d));
        assertEquals(new GuestIntent.SetNicLink("test-lab", "52:54:00:3a:10:05", true),
                d.findings().get(0).fix().orElseThrow().intent());
    }

    @Test
    void ciRunnersNetworkIsStoppedAndTheGuestShutOff() {
        Diagnosis d = troubleshooter.diagnose(demo, "ci-runner", Optional.empty(), Destination.lan());
        assertEquals("network-inactive", d.findings().get(0).id(), () -> describe(d));
        assertEquals(new NetworkIntent.SetNetworkActive("lab", true), d.findings().get(0).fix().orElseThrow().intent());
        assertTrue(d.finding("guest-not-running").isPresent(), () -> describe(d));
    }

    @Test
    void anIsolatedGuestAskedAboutTheInternetGetsInformationNotAFault() {
        Diagnosis d = troubleshooter.diagnose(demo, "db1", Optional.of("52:54:00:3a:10:03"), Destination.internet());
        assertEquals(Optional.of(false), d.reachable());
        Finding first = d.findings().get(0);
        assertEquals("isolated-network-no-outside", first.id(), () -> describe(d));
        assertEquals(Severity.INFO, first.severity());
        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), () -> describe(d));
    }

    @Test
    void aMacvtapGuestCannotReachItsHostByDesign() {
        Diagnosis d = troubleshooter.diagnose(demo, "media", Optional.empty(), Destination.host());
        assertEquals(Optional.of(false), d.reachable());
        assertEquals("macvtap-host-isolation", d.findings().get(0).id(), () -> describe(d));
        assertFalse(d.findings().get(0).steps().isEmpty());
    }

    /** The new bridge's name: br-eth0 when free (macvtap-host-isolation-no-bridge-on-its-lan.json), else br-lan. */
    @Test
    void aMacvtapGuestsNewBridgeTakesAFreeName() {
        HostSnapshot nameTaken = DemoEdits.demoWith("""
                {"links": {"eth1": {"master": null}, "br-eth0": {"kind": "bridge", "mtu": 1500, "state": "up"}}}""");
        Finding first = troubleshooter.diagnose(nameTaken, "media", Optional.empty(), Destination.host()).findings()
                .get(0);
        assertEquals(new GuestIntent.MacvtapToNewBridge("media", "52:54:00:3a:10:06", "br-lan", 60),
                first.fix().orElseThrow().intent());
    }

    @Test
    void legacyAppKeptItsOldLanAddressOnTheNatNetwork() {
        Diagnosis d = troubleshooter.diagnose(demo, "legacy-app", Optional.empty(), Destination.internet());
        assertEquals(Optional.of(false), d.reachable());
        assertEquals("guest-ip-wrong-subnet", d.findings().get(0).id(), () -> describe(d));
        assertTrue(d.finding("nat-masquerade-missing").isEmpty(), "the network is masqueraded; the guest is wrong");
        assertTrue(d.findings().get(0).steps().get(0).contains("192.168.122.0/24"), () -> describe(d));
    }

    @Test
    void backupsJumboTapOnAStandardBridgeIsAWarningWithAFix() {
        Diagnosis d = troubleshooter.diagnose(demo, "backup", Optional.empty(), Destination.lan());
        assertEquals(Optional.of(true), d.reachable(), "small packets pass");
        Finding first = d.findings().get(0);
        assertEquals("mtu-mismatch", first.id(), () -> describe(d));
        assertEquals(Severity.WARNING, first.severity());
        assertEquals(new LinkIntent.SetLinkMtu("vnet9", 1500), first.fix().orElseThrow().intent());
    }

    @Test
    void aRoutedNetworksReturnRouteCannotBeKnownWithoutProbes() {
        Diagnosis d = troubleshooter.diagnose(demo, "gitlab", Optional.empty(), Destination.lan());
        assertEquals(Optional.empty(), d.reachable(), () -> describe(d));
        assertTrue(d.findings().isEmpty(), () -> describe(d));
        assertTrue(d.unchecked().stream().anyMatch(u -> u.contains("192.168.150.0/24")), () -> describe(d));
    }

    @Test
    void aNicTheTroubleshooterCannotFollowLeavesReachabilityUnknown() {
        HostSnapshot userNet = DemoEdits.demoWith("""
                {"guests": {"web1": {"nics": {"52:54:00:3a:10:01": {"type": "user", "source": null}}}}}""");
        Diagnosis d = troubleshooter.diagnose(userNet, "web1", Optional.empty(), Destination.lan());
        assertEquals(Optional.empty(), d.reachable(), () -> describe(d));
        assertTrue(d.unchecked().stream().anyMatch(u -> u.contains("type user")), () -> describe(d));
    }

    @Test
    void thePathRunsFromTheGuestThroughItsNetworkToTheOutside() {
        Diagnosis d = troubleshooter.diagnose(demo, "web1", Optional.empty(), Destination.internet());
        assertEquals(java.util.List.of("guest:web1", "nic:web1/52:54:00:3a:10:01", "link:vnet0", "network:default",
                "link:virbr0", "link:eth0", "outside"), d.path().stream().map(h -> h.nodeId().text()).toList());
    }

    @Test
    void badgesNameEachRunningGuestsWorstProblemAndLeaveHealthyOnesClean() {
        var badges = troubleshooter.checkAll(demo);
        assertEquals(Optional.empty(), badges.get("web1"));
        assertEquals(Optional.empty(), badges.get("db1"), "its isolated NIC is no problem");
        assertEquals("tap-not-on-bridge", badges.get("mail").orElseThrow().id());
        assertEquals("guest-link-down", badges.get("test-lab").orElseThrow().id());
        assertEquals("guest-not-running", badges.get("win11").orElseThrow().id());
        assertEquals("guest-ip-wrong-subnet", badges.get("legacy-app").orElseThrow().id());
        assertEquals("mtu-mismatch", badges.get("backup").orElseThrow().id());
        assertFalse(badges.containsKey("build"), "shut-off guests get no badge");
    }

    static String describe(Diagnosis d) {
        StringBuilder out = new StringBuilder(d.guest() + " -> " + d.target() + " reachable=" + d.reachable()
                + "\n  path " + d.path() + "\n");
        d.findings().forEach(f -> out.append("  ").append(f.id()).append(" ").append(f.severity()).append(": ")
                .append(f.title()).append(" ").append(f.evidence()).append(" symptoms=")
                .append(f.symptoms().stream().map(Finding::id).toList()).append('\n'));
        out.append("  unchecked ").append(d.unchecked());
        return out.toString();
    }
}
