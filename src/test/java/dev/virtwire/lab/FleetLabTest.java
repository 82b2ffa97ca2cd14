package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.Changes;
import dev.virtwire.change.FailingHost;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.change.fleet.FleetChange;
import dev.virtwire.change.fleet.FleetHistory;
import dev.virtwire.cli.CliRun;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.NetworkMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two lab hosts on one LAN (`lab up --hosts 2`), both reached over qemu+ssh:// as a fleet: the topology lists both
 * and the segment they share, a guest MAC cloned onto the second host is found by `fleet check` and given a new MAC
 * there by its fix (`fleet fix`), which that host's undo takes back, and a diagnosis
 * from the second host's guest to a bridged guest of the first names a tap down on the second host as the broken hop;
 * a libvirt network with DHCP bridged onto the LAN on each host is rogue DHCP on both, until one's port is released
 * by the finding's fix on the second host (`fleet fix`), which that host's own undo takes back. `fleet
 * network-create` makes a network on both hosts as one change, which `fleet undo` takes back from both; with the
 * second host's first write failing, the first host is left as it was.
 */
@LabTest
@RebuildsTheLab
class FleetLabTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Lab lab;

    FleetLabTest(Lab lab) {
        this.lab = lab;
    }

    private static CliRun virtwire(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", dir.resolve("config").toString(), "--state-dir",
                dir.resolve("state").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Both lab hosts up (cheap when they are) and in the fleet list of this test's config dir; the lab's env. */
    private java.util.Map<String, String> fleet(Path dir) {
        // today's firewall: the class before may have left another (see Lab#useFirewall)
        CommandResult up = lab.lab(Duration.ofMinutes(5), "up", "--hosts", "2", "--firewall", "iptables");
        assertTrue(up.ok(), up::describe);
        String hosts = Lab.parseEnv(up.stdout()).get("LAB_HOSTS");
        assertTrue(hosts != null, "lab up --hosts 2 printed no LAB_HOSTS: " + up.stdout());
        for (String host : hosts.split(" ")) {
            String[] nameAndUri = host.split("=", 2);
            CliRun add = virtwire(dir, "hosts", "add", nameAndUri[0], "--connect", nameAndUri[1]);
            assertEquals(0, add.code(), add::err);
        }
        return Lab.parseEnv(up.stdout());
    }

    @Test
    void bothHostsTheirSharedLanADuplicateMacAndRogueDhcpAcrossThem(@TempDir Path dir) throws IOException {
        java.util.Map<String, String> env = fleet(dir);
        String kvm2 = env.get("LAB_HOSTS").split(" ")[1].split("=", 2)[1];

        CliRun topology = virtwire(dir, "topology", "--fleet", "--json");
        assertEquals(0, topology.code(), topology::err);
        JsonNode fleet = MAPPER.readTree(topology.out());
        assertEquals(List.of("kvm1", "kvm2"), names(fleet.get("hosts")));
        assertTrue(names(fleet.at("/hosts/0/topology/guests")).contains("g1"), topology.out());
        assertEquals(List.of("h2g1"), names(fleet.at("/hosts/1/topology/guests")));
        assertEquals(MAPPER.readTree("""
                [{"subnet": "10.77.0.0/24", "gateway": "10.77.0.1",
                  "hosts": [{"host": "kvm1", "link": "eth0", "address": "10.77.0.2/24"},
                            {"host": "kvm2", "link": "eth0", "address": "10.77.0.3/24"}]}]"""),
                fleet.get("shared_segments"));

        CliRun clean = virtwire(dir, "fleet", "check", "--json");
        assertEquals(0, clean.code(), clean::err);
        assertEquals(0, MAPPER.readTree(clean.out()).get("findings").size(), clean.out());

        lab.fault("duplicate-mac-across-hosts");
        try {
            CliRun check = virtwire(dir, "fleet", "check", "--json");
            assertEquals(0, check.code(), check::err);
            JsonNode findings = MAPPER.readTree(check.out()).get("findings");
            assertEquals(1, findings.size(), check.out());
            assertEquals("duplicate-mac", findings.at("/0/id").asText());
            assertEquals(MAPPER.readTree("""
                    [{"host": "kvm1", "node": "nic:g1/52:54:00:77:00:01"},
                     {"host": "kvm2", "node": "nic:h2g1/52:54:00:77:00:01"}]"""), findings.at("/0/where"));
            // its fix on kvm2 (both run: the host that sorts last): h2g1's NIC unplugged and plugged in again with a
            // new MAC, planned there; made, the finding is gone; kvm2's own undo gives the old MAC back
            assertEquals("kvm2", findings.at("/0/fix/host").asText(), check.out());
            assertTrue(findings.at("/0/fix/commands/0").asText().equals("virsh detach-interface h2g1 network --mac "
                    + "52:54:00:77:00:01 --live"), check.out());
            long started = System.nanoTime();
            CliRun fix = virtwire(dir, "fleet", "fix", "duplicate-mac", "--host", "kvm2", "--yes");
            assertEquals(0, fix.code(), () -> fix.out() + fix.err());
            // the fleet checked again by the fix itself, after it was made: the finding is gone
            assertTrue(fix.out().contains("duplicate-mac on kvm2 is gone"), fix.out());
            List<String> macs = macs(env, "h2g1");
            assertEquals(2, macs.size(), macs::toString);
            assertTrue(!macs.contains("52:54:00:77:00:01") && macs.stream().allMatch(m -> m.startsWith("52:54:00:")),
                    macs::toString);
            long fixed = System.nanoTime();
            CliRun undo = virtwire(dir, "undo", "--connect", kvm2, "--yes");
            assertEquals(0, undo.code(), () -> undo.out() + undo.err());
            assertTrue(macs(env, "h2g1").contains("52:54:00:77:00:01"), () -> macs(env, "h2g1").toString());
            System.out.printf("FleetLabTest: duplicate-mac fix %.1f s, undo %.1f s%n", (fixed - started) / 1e9,
                    (System.nanoTime() - fixed) / 1e9);
        } finally {
            lab.heal();
        }

        // a libvirt network with DHCP bridged onto the LAN on each host: each is rogue, naming the other
        lab.fault("rogue-dhcp");
        try {
            JsonNode findings = check(dir);
            assertEquals(List.of("rogue-dhcp", "rogue-dhcp"), ids(findings), findings.toString());
            assertEquals(MAPPER.readTree("""
                    [{"host": "kvm1", "node": "network:lan-dhcp"}, {"host": "kvm2", "node": "network:lan-dhcp"}]"""),
                    findings.at("/0/where"));
            assertTrue(findings.at("/0/evidence/0").asText().endsWith("its definition hands out "
                    + "10.77.0.226-10.77.0.230"), findings.toString());
            assertTrue(findings.at("/1/evidence").toString().contains("also answering there: libvirt network lan-dhcp "
                    + "on kvm1 (bridge virbr9, port eth9 onto the LAN)"), findings.toString());
            assertTrue(findings.at("/1/steps/0").asText().contains("virtwire bridge remove-port eth9 --connect '"
                    + kvm2 + "'"), findings.toString());
            // that step is the finding's one-click fix on kvm2, planned there: kvm1's server is then alone on the LAN
            assertEquals("kvm2", findings.at("/1/fix/host").asText(), findings.toString());
            assertEquals("[\"ip link set dev eth9 nomaster\"]", findings.at("/1/fix/commands").toString());
            CliRun fix = virtwire(dir, "fleet", "fix", "rogue-dhcp", "--host", "kvm2", "--yes");
            assertEquals(0, fix.code(), () -> fix.out() + fix.err());
            assertTrue(fix.out().contains("rogue-dhcp on kvm2 is gone"), fix.out());
            assertTrue(fix.out().contains("(undo: virtwire undo --connect '" + kvm2 + "'"), fix.out());
            assertEquals("", master(env, "eth9"), "released on kvm2");
            // kept in kvm2's own history: its undo puts the port back on the network's bridge
            CliRun undo = virtwire(dir, "undo", "--connect", kvm2, "--yes");
            assertEquals(0, undo.code(), () -> undo.out() + undo.err());
            assertEquals("virbr9", master(env, "eth9"));
        } finally {
            lab.heal();
        }
    }

    @Test
    void aTapDownOnTheSecondHostIsTheBrokenHopThere(@TempDir Path dir) throws IOException {
        fleet(dir);
        // h2g1 behind kvm2's NAT towards g2, bridged onto the LAN on kvm1 (br0 through eth1)
        CliRun healthy = virtwire(dir, "diagnose", "kvm2:h2g1", "--to", "guest:kvm1:g2", "--json");
        assertEquals(0, healthy.code(), healthy::err);
        JsonNode fine = MAPPER.readTree(healthy.out());
        assertTrue(fine.get("broken_hop").isNull(), healthy.out());
        assertTrue(fine.get("path").findValuesAsText("node").contains("segment:10.77.0.0/24"), healthy.out());
        assertEquals("kvm2", fine.at("/path/0/host").asText());
        assertEquals("guest:g2", fine.at("/path/" + (fine.get("path").size() - 1) + "/node").asText());
        assertTrue(fine.get("segment").toString().contains("kvm1: eth0 10.77.0.2/24 on the LAN 10.77.0.0/24"),
                healthy.out());

        lab.fault("host2-tap-down");
        try {
            CliRun run = virtwire(dir, "diagnose", "kvm2:h2g1", "--to", "guest:kvm1:g2", "--json");
            assertEquals(0, run.code(), run::err);
            JsonNode d = MAPPER.readTree(run.out());
            assertEquals(false, d.get("reachable").asBoolean(true), run.out());
            assertEquals("kvm2", d.at("/broken_hop/host").asText(), run.out());
            // the hop after h2g1's NIC on kvm2: its tap
            assertEquals(d.at("/path/2/node").asText(), d.at("/broken_hop/node").asText(), run.out());
            assertTrue(d.at("/broken_hop/node").asText().startsWith("link:"), run.out());
            String text = virtwire(dir, "diagnose", "kvm2:h2g1", "--to", "guest:kvm1:g2").out();
            assertTrue(text.contains("broken hop: kvm2 " + d.at("/broken_hop/node").asText()), text);
        } finally {
            lab.heal();
        }
    }

    /** The bridge a link of the second host is a port of ("" for none), read in its namespace. */
    private String master(java.util.Map<String, String> env, String link) throws IOException {
        CommandResult shown = lab.execIn(env.get("LAB_HOST2_NETNS"), "ip", "-j", "link", "show", "dev", link);
        assertTrue(shown.ok(), shown::describe);
        return MAPPER.readTree(shown.stdout()).at("/0/master").asText("");
    }

    /** A guest's NICs' MACs on the second host, running and saved, as virsh lists them there. */
    private List<String> macs(java.util.Map<String, String> env, String guest) {
        List<String> out = new ArrayList<>();
        for (String inactive : List.of("", "--inactive")) {
            List<String> argv = new ArrayList<>(List.of("virsh", "-c", env.get("LAB_HOST2_URI"), "domiflist", guest));
            if (!inactive.isEmpty()) {
                argv.add(inactive);
            }
            CommandResult shown = lab.execIn(env.get("LAB_HOST2_NETNS"), argv.toArray(String[]::new));
            assertTrue(shown.ok(), shown::describe);
            List<String> these = shown.stdout().lines().map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length >= 5 && f[4].matches("[0-9a-f:]{17}")).map(f -> f[4]).toList();
            if (!out.isEmpty()) {
                assertEquals(out, these, "the running guest and its saved config have the same MACs");
                return out;
            }
            out.addAll(these);
        }
        return out;
    }

    private static JsonNode check(Path dir) throws IOException {
        CliRun check = virtwire(dir, "fleet", "check", "--json");
        assertEquals(0, check.code(), check::err);
        return MAPPER.readTree(check.out()).get("findings");
    }

    private static List<String> ids(JsonNode findings) {
        return StreamSupport.stream(findings.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void aNetworkMadeOnBothHostsIsOneChangeAndAFailureOnTheSecondLeavesTheFirstAsItWas(@TempDir Path dir)
            throws IOException {
        java.util.Map<String, String> env = fleet(dir);
        CliRun create = virtwire(dir, "fleet", "network-create", "vwtestfleet", "--mode", "isolated",
                "--address", "kvm1=192.168.71.1/24", "--address", "kvm2=192.168.72.1/24", "--yes");
        assertEquals(0, create.code(), create::err);
        try {
            assertEquals(List.of(true, true), haveNetwork(env, "vwtestfleet"));
            JsonNode history = MAPPER.readTree(virtwire(dir, "fleet", "history", "--json").out());
            assertEquals("applied", history.at("/entries/0/status").asText(), history.toString());
            assertEquals(List.of("kvm1", "kvm2"), history.at("/entries/0/steps").findValuesAsText("host"));
        } finally {
            CliRun undo = virtwire(dir, "fleet", "undo", "--yes");
            assertEquals(0, undo.code(), undo::err);
        }
        assertEquals(List.of(false, false), haveNetwork(env, "vwtestfleet"));

        // the second host's first write fails: the first host is undone again
        HostAddress kvm1 = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
        HostAddress kvm2 = new HostAddress(env.get("LAB_HOST2_URI"), new Target.Netns(env.get("LAB_HOST2_NETNS")));
        try (Host first = Hosts.open(kvm1); Host second = Hosts.open(kvm2);
             Changes one = new Changes(first, kvm1, dir.resolve("state1"));
             Changes two = new Changes(new FailingHost(second, 1, false), kvm2, dir.resolve("state2"))) {
            List<String> before = ChangesLabTest.LabState.of(first.snapshot());
            List<FleetChange.Part> parts = List.of(
                    new FleetChange.Part("kvm1", one, one.plan(isolated("vwtestfleet", "192.168.71.1/24"))),
                    new FleetChange.Part("kvm2", two, two.plan(isolated("vwtestfleet", "192.168.72.1/24"))));
            ChangeFailed failed = assertThrows(ChangeFailed.class, () -> FleetChange.apply("Create network vwtestfleet",
                    parts, new FleetHistory(dir.resolve("state"))));
            assertTrue(failed.failedStep().startsWith("on kvm2"), failed.getMessage());
            assertTrue(failed.hostUnchanged(), failed.getMessage());
            assertTrue(first.snapshot().network("vwtestfleet").isEmpty(), "kvm1's network is gone again");
            assertEquals(before, ChangesLabTest.LabState.of(first.snapshot()), "kvm1 is as it was");
            assertTrue(second.snapshot().network("vwtestfleet").isEmpty());
        }
    }

    private static NetworkIntent isolated(String name, String address) {
        return new NetworkIntent.CreateNetwork(name, NetworkMode.ISOLATED, Optional.empty(), Optional.of(address),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Whether each host of the fleet (kvm1, kvm2) has this network, asked of each libvirtd directly: the fleet's
     * own read of both hosts over ssh is tested above, and would take most of this test's time twice.
     */
    private List<Boolean> haveNetwork(java.util.Map<String, String> env, String network) {
        return List.of(lab.exec("virsh", "net-info", network).ok(), lab.execIn(env.get("LAB_HOST2_NETNS"), "virsh",
                "-c", env.get("LAB_HOST2_URI"), "net-info", network).ok());
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.path("name").asText()).toList();
    }
}
