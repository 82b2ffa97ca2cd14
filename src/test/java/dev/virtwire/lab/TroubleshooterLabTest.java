package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.cli.CliRun;
import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The troubleshooter on a real host: for each fault of the lab, {@code virtwire diagnose} names that
 * fault's finding first; where it offers a one-click fix, {@code virtwire fix} repairs it and the guest
 * reaches its target again (ping from inside the guest); otherwise it gives steps, and healing the lab
 * makes the target reachable again.
 */
@LabTest
@LabUpOncePerClass // each test heals (AfterEach) and undoes what outlives the heal
class TroubleshooterLabTest {
    private static final Duration DIAGNOSED_WITHIN = Duration.ofSeconds(30);
    private static final Duration REACHES_WITHIN = Duration.ofSeconds(90);
    /** g1's gateway on network default: the lab host's address on virbr0. */
    private static final String DEFAULT_GW = "192.168.122.1";

    /** How the user repairs what the finding names. */
    enum Repair {
        /** {@code virtwire fix} */
        FIX,
        /**
         * {@code virtwire fix}, then {@code virtwire undo}: what the fix adds (firewall accepts) outlives the
         * lab's heal of the fault, and would hide the next injection of it
         */
        FIX_THEN_UNDO,
        /** the finding's steps, by hand (here: lab heal); the case's reason says why there is no fix */
        STEPS
    }

    record Case(String fault, String guest, String to, String finding, Repair repair, String reason) {
        Case(String fault, String guest, String to, String finding, Repair repair) {
            this(fault, guest, to, finding, repair, "");
        }

        @Override
        public String toString() {
            return fault + " -> " + finding + " (" + repair.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (reason.isEmpty() ? "" : ": " + reason) + ")";
        }
    }

    static Stream<Case> faults() {
        return Stream.of(
                new Case("ip-forward-off", "g1", "internet", "ip-forward-disabled", Repair.FIX),
                new Case("masquerade-missing", "g1", "internet", "nat-masquerade-missing", Repair.FIX),
                new Case("forward-drop", "g1", "internet", "forward-policy-drop", Repair.FIX_THEN_UNDO),
                new Case("forward-drop-rule", "g1", "internet", "forward-rule-reject", Repair.FIX_THEN_UNDO),
                new Case("br-netfilter-drop", "g2", "lan", "br-netfilter-drop", Repair.FIX_THEN_UNDO),
                new Case("tap-detached", "g1", "host", "tap-not-on-bridge", Repair.FIX),
                new Case("bridge-down", "g1", "host", "bridge-down", Repair.FIX),
                new Case("uplink-down", "g1", "internet", "uplink-down", Repair.FIX),
                new Case("bridge-no-uplink", "g2", "lan", "bridge-no-uplink", Repair.FIX),
                new Case("guest-link-down", "g1", "host", "guest-link-down", Repair.FIX),
                new Case("network-inactive", "g1", "host", "network-inactive", Repair.FIX),
                new Case("dhcp-server-stopped", "g1", "host", "dhcp-server-missing", Repair.FIX),
                new Case("guest-wrong-subnet", "g1", "host", "guest-ip-wrong-subnet", Repair.STEPS,
                        "the address is set inside the guest"),
                // the impostor is a veth on the guest's NAT bridge: the fix releases it from the bridge
                new Case("duplicate-ip", "g1", "host", "duplicate-ip", Repair.FIX),
                new Case("duplicate-mac", "g1", "host", "duplicate-mac", Repair.FIX),
                new Case("mtu-mismatch", "g1", "host", "mtu-mismatch", Repair.FIX),
                // br0's port shows "disabled" while its link is down: the link is the cause, not spanning tree
                new Case("uplink-port-down", "g2", "lan", "uplink-down", Repair.FIX),
                new Case("lan-peer-down", "g2", "lan", "uplink-down", Repair.STEPS,
                        "the link's other end is beyond the host"));
    }

    @TempDir
    Path stateDir;

    private final Lab lab;

    TroubleshooterLabTest(Lab lab) {
        this.lab = lab;
    }

    @AfterEach
    void heal() {
        lab.heal();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void diagnoseNamesTheFaultFirstAndTheFixOrTheStepsRepairIt(Case c) throws IOException {
        // no lab up (which waits for every guest to answer) since the previous test's heal: a guest that heal put
        // back may take a moment to answer again
        assertTrue(Eventually.within(REACHES_WITHIN, () -> reaches(c)),
                () -> "before " + c.fault() + ": " + c.guest() + " does not reach " + c.to());
        if (c.fault().equals("uplink-down")) {
            // the user has looked at this host with Virtwire before: it remembers the default route
            assertEquals(0, cli("topology", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                    stateDir.toString()).code());
        }
        lab.fault(c.fault(), c.guest());
        if (c.fault().equals("guest-wrong-subnet")) {
            // the user is trying to reach something: that traffic is what shows the guest's real address
            lab.guestExec(c.guest(), "sh", "-c", "setsid ping -c 90 10.99.99.1 </dev/null >/dev/null 2>&1 &");
        }
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        boolean named = Eventually.within(DIAGNOSED_WITHIN, () -> {
            JsonNode d = diagnose(c);
            seen.set(d);
            return d.at("/findings/0/id").asText().equals(c.finding());
        });
        assertTrue(named, () -> c.fault() + ": expected " + c.finding() + " first, got:\n" + seen.get().toPrettyString());
        JsonNode first = seen.get().at("/findings/0");
        assertFalse(first.get("evidence").isEmpty(), first::toPrettyString);
        boolean fixed = c.repair() != Repair.STEPS;
        if (fixed) {
            assertFalse(first.get("fix").isNull(), first::toPrettyString);
            CliRun fix = cli("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                    c.guest(), c.finding(), "--to", c.to(), "--internet", lab.internet(), "--yes");
            assertEquals(0, fix.code(), () -> "virtwire fix " + c.finding() + ":\n" + fix.out() + fix.err());
        } else {
            assertTrue(first.get("fix").isNull(), first::toPrettyString);
            assertFalse(first.get("steps").isEmpty(), first::toPrettyString);
            lab.heal(); // what a user would do by following the steps
        }
        boolean reached = false;
        try {
            assertTrue(Eventually.within(REACHES_WITHIN, () -> reaches(c)),
                    () -> "after " + (fixed ? "virtwire fix " : "healing ") + c.fault() + ": " + c.guest()
                            + " still does not reach " + c.to() + "\n" + diagnose(c).toPrettyString());
            reached = true;
        } finally {
            if (fixed && !reached) { // what the fix added outlives the heal: never leave it for the next case
                cli("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                        "--yes");
            }
        }
        if (c.repair() == Repair.FIX_THEN_UNDO) {
            CliRun undo = cli("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                    stateDir.toString(), "--yes");
            assertEquals(0, undo.code(), () -> "virtwire undo of the fix:\n" + undo.out() + undo.err());
            assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> diagnose(c).at("/findings/0/id").asText()
                    .equals(c.finding())), () -> "after undoing the fix, " + c.finding() + " is not back");
        }
    }

    /**
     * On a host without tcpdump and arping, a diagnosis still answers, and says which checks it could not make and
     * what to install: a capture that could not run is not a silent guest; a fix that finds nothing says the same.
     */
    @Test
    void probeToolsThatAreMissingAreSaidWithWhatToInstall(@TempDir Path scratch) throws Exception {
        CommandResult run = WithoutTools.virtwire(scratch, java.util.Set.of("tcpdump", "arping"), "diagnose", "g1",
                "--to", "lan", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                "--json");
        assertEquals(0, run.exitCode(), run::describe);
        JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout());
        String unchecked = d.get("unchecked").toString();
        assertTrue(unchecked.contains("what g1 sends on vnet") && unchecked.contains("(a capture): 'tcpdump' is not "
                + "installed or not on PATH (Debian/Ubuntu package tcpdump)"), d::toPrettyString);
        assertTrue(unchecked.contains("(arping): 'arping' is not installed or not on PATH (Debian/Ubuntu package "
                + "iputils-arping)"), d::toPrettyString);
        assertFalse(run.stderr().contains("Exception"), run::describe);
        // a fix that looks for a finding whose check could not run says so with its "no such finding"
        CommandResult fix = WithoutTools.virtwire(scratch, java.util.Set.of("tcpdump", "arping"), "fix", "g1",
                "duplicate-ip", "--to", "lan", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString(), "--yes");
        assertEquals(1, fix.exitCode(), fix::describe);
        assertTrue(fix.stderr().contains("has no finding 'duplicate-ip' towards lan") && fix.stderr().contains(
                "not checked: whether another device answers for g1's address"), fix::describe);
        assertFalse(fix.stderr().contains("Exception"), fix::describe);
    }

    /**
     * The lab has no guest on network routed, so the return-route check is made for a stand-in NIC on it:
     * what decides is the probe from the routed network's own address, which is real.
     */
    @Test
    void aRoutedNetworkWithoutReturnRouteIsFoundByProbing() {
        lab.fault("routed-no-return-route");
        HostAddress address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
        try (Host host = Hosts.open(address)) {
            HostSnapshot real = host.snapshot();
            GuestNic nic = new GuestNic("52:54:00:77:0f:01", Optional.of("virtio"), NicType.NETWORK,
                    Optional.of("routed"), Optional.empty(), Optional.empty(), true, List.of(),
                    List.of(new GuestAddress("192.168.100.150/24", AddressOrigin.LEASE)));
            List<Guest> guests = new ArrayList<>(real.guests());
            guests.add(new Guest("routed-standin", Optional.empty(), GuestState.SHUTOFF, List.of(nic)));
            Troubleshooter troubleshooter = new Troubleshooter(new CommandProbes(new CommandRunner(address.target()),
                    address.uri()));
            Diagnosis d = troubleshooter.diagnose(real.withGuests(guests), "routed-standin", Optional.empty(),
                    Destination.parse("lan"));
            assertTrue(d.finding("routed-no-return-route").isPresent(), d::toString);
            lab.heal();
            // the LAN router may answer through stale connection tracking for a few seconds
            AtomicReference<Diagnosis> healed = new AtomicReference<>();
            assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
                healed.set(troubleshooter.diagnose(host.snapshot().withGuests(guests), "routed-standin",
                        Optional.empty(), Destination.parse("lan")));
                return healed.get().finding("routed-no-return-route").isEmpty();
            }), () -> healed.get().toString());
        }
    }

    /**
     * A guest whose NIC was switched to macvtap on eth0 (the lab host's LAN NIC) and that wants the host: the
     * isolation is the root cause, and its fix moves the NIC onto br0, whose port eth1 is on the same LAN.
     */
    @Test
    void aMacvtapGuestTowardsTheHostIsMovedOntoABridgeOnTheSameLan() {
        lab.fault("guest-macvtap", "g3");
        JsonNode first = firstFinding("g3", "host", "macvtap-host-isolation");
        assertEquals("error", first.get("severity").asText(), first::toPrettyString);
        assertTrue(first.at("/fix/description").asText().contains("to bridge br0"), first::toPrettyString);
        CliRun fix = cli("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                "g3", "macvtap-host-isolation", "--to", "host", "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix macvtap-host-isolation:\n" + fix.out() + fix.err());
        // a real OS brings a hot-plugged NIC up by itself; the lab guest only the one it booted with
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> lab.guestExec("g3", "ip", "link", "set", "eth0", "up")
                .ok()), "g3 has no eth0 after the fix");
        assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g3", lab.hostIp())),
                () -> "after the fix g3 still does not reach the host\n" + fix.out() + diagnose("g3", "host"));
    }

    /**
     * The same guest where no bridge reaches eth0's LAN (br0 lost its port eth1): the fix bridges eth0 itself and
     * moves the NIC there, in one change that the preview shows command by command; confirmed, the guest reaches
     * the host and the LAN host; one undo leaves the lab host as it was before the fix.
     */
    @Test
    void aMacvtapGuestWithNoBridgeOnItsLanGetsOneAndOneUndoTakesItBack() {
        lab.fault("bridge-no-uplink");
        lab.fault("guest-macvtap", "g3");
        HostAddress address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
        try (Host host = Hosts.open(address)) {
            List<String> before = devicesUnnumbered(ChangesLabTest.LabState.of(host.snapshot()));
            JsonNode first = firstFinding("g3", "host", "macvtap-host-isolation");
            assertEquals("error", first.get("severity").asText(), first::toPrettyString);
            assertTrue(first.at("/fix/description").asText().contains("new bridge br-eth0"), first::toPrettyString);
            CliRun preview = fixG3("--dry-run");
            assertEquals(0, preview.code(), () -> preview.out() + preview.err());
            for (String command : List.of("ip link add name br-eth0", "detach", "attach", "revert-", "ip link set dev "
                    + "eth0 master br-eth0", "dev br-eth0")) {
                assertTrue(preview.out().contains(command), () -> command + " not in the preview:\n" + preview.out());
            }
            boolean undone = false;
            try {
                CliRun fix = fixG3("--yes");
                assertEquals(0, fix.code(), () -> "virtwire fix macvtap-host-isolation:\n" + fix.out() + fix.err());
                assertTrue(fix.out().contains("macvtap-host-isolation is gone"), fix::out);
                CliRun confirm = cli("confirm", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                        stateDir.toString());
                assertEquals(0, confirm.code(), () -> "virtwire confirm:\n" + confirm.out() + confirm.err());
                assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> lab.guestExec("g3", "ip", "link", "set", "eth0",
                        "up").ok()), "g3 has no eth0 after the fix");
                assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g3", lab.hostIp())),
                        () -> "after the fix g3 does not reach the host\n" + fix.out() + diagnose("g3", "host"));
                assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g3", lab.lanHost())),
                        () -> "after the fix g3 does not reach the LAN host\n" + diagnose("g3", "lan"));
                System.out.println("macvtap, no bridge on its LAN, after the fix: " + diagnose("g3", "host")
                        .path("reachable") + " towards the host");
                CliRun undo = cli("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                        stateDir.toString(), "--yes");
                undone = undo.code() == 0;
                assertEquals(0, undo.code(), () -> "virtwire undo of the fix:\n" + undo.out() + undo.err());
                assertEquals(before, devicesUnnumbered(ChangesLabTest.LabState.of(host.snapshot())),
                        "one undo restores the lab host");
            } finally {
                if (!undone) { // never leave eth0 bridged for the next test
                    cli("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                            "--yes");
                }
            }
        }
    }

    /**
     * libvirt numbers each new macvtap afresh (macvtap2, then macvtap3: it never takes back a name, and names
     * with that prefix cannot be asked for), so the one plugged back by undo is compared without its number.
     */
    private static List<String> devicesUnnumbered(List<String> state) {
        return state.stream().map(l -> l.replaceFirst("^link macvtap\\d+ ", "link macvtap# ")).sorted().toList();
    }

    private CliRun fixG3(String how) {
        return cli("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(), "g3",
                "macvtap-host-isolation", "--to", "host", how);
    }

    /** Towards the LAN a macvtap guest is fine: no error, and no lease expected from the host. */
    @Test
    void aMacvtapGuestTowardsTheLanHasNoErrorAndNoMissingLease() {
        lab.fault("guest-macvtap", "g3");
        assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g3", lab.lanHost())), "g3 on macvtap reaches the LAN");
        JsonNode d = diagnose("g3", "lan");
        for (JsonNode f : d.get("findings")) {
            assertFalse(f.get("severity").asText().equals("error"), d::toPrettyString);
            assertFalse(f.get("id").asText().equals("no-dhcp-lease"), d::toPrettyString);
        }
        String first = d.at("/findings/0/id").asText();
        assertTrue(first.isEmpty() || first.equals("macvtap-address-unseen"), d::toPrettyString);
        System.out.println("macvtap towards the LAN: " + (first.isEmpty() ? "no finding (the address is known or "
                + "seen on the macvtap)" : first) + "; reachable " + d.path("reachable"));
    }

    /** A guest of network routed whose LAN router lost the return route: switched to NAT in one click. */
    @Test
    void aRoutedGuestWithoutReturnRouteIsSwitchedToNatAndReachesTheLan() {
        CommandResult up = lab.lab("up", "--guests", "4"); // g4 is on network routed
        assertTrue(up.ok(), up::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g4", lab.lanHost())), () -> "g4 reaches the LAN "
                + "before the fault:\n" + lab.guestExec("g4", "sh", "-c", "ip addr; ip route; ping -c 1 -W 2 "
                + lab.routedGateway()).describe() + "\n" + lab.exec("ip", "-br", "link").describe() + "\nLAN router: "
                + lab.execIn(lab.lanNetns(), "ip", "neigh", "show", "dev", "lan0").describe());
        lab.fault("routed-no-return-route");
        JsonNode first = firstFinding("g4", "lan", "routed-no-return-route");
        assertTrue(first.at("/fix/description").asText().contains("to NAT"), first::toPrettyString);
        assertTrue(first.get("steps").toString().contains("ip route add 192.168.100.0/24"), first::toPrettyString);
        CliRun fix = cli("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                "g4", "routed-no-return-route", "--to", "lan", "--internet", lab.internet(), "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix routed-no-return-route:\n" + fix.out() + fix.err());
        CliRun undo;
        try {
            assertTrue(Eventually.within(REACHES_WITHIN, () -> lab.guestPings("g4", lab.lanHost())),
                    () -> "after the switch to NAT g4 still does not reach the LAN\n" + diagnose("g4", "lan"));
        } finally { // NAT outlives the heal of the route: switch the network back, whatever happened above
            undo = cli("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                    "--yes");
        }
        assertEquals(0, undo.code(), () -> "virtwire undo of the switch to NAT:\n" + undo.out() + undo.err());
    }

    private JsonNode firstFinding(String guest, String to, String id) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        boolean named = Eventually.within(DIAGNOSED_WITHIN, () -> {
            JsonNode d = diagnose(guest, to);
            seen.set(d);
            return d.at("/findings/0/id").asText().equals(id);
        });
        assertTrue(named, () -> "expected " + id + " first, got:\n" + seen.get().toPrettyString());
        return seen.get().at("/findings/0");
    }

    private JsonNode diagnose(Case c) {
        return diagnose(c.guest(), c.to());
    }

    private JsonNode diagnose(String guest, String to) {
        return lab.diagnose(stateDir, guest, to);
    }

    private boolean reaches(Case c) {
        String target = switch (c.to()) {
            case "internet" -> lab.internet();
            case "lan" -> lab.lanHost();
            default -> DEFAULT_GW;
        };
        return lab.guestPings(c.guest(), target);
    }

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }
}
