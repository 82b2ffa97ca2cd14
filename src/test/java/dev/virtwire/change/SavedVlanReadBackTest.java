package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.netconf.HostCommands;
import dev.virtwire.host.netconf.SavedConfigReader;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkConfig;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The files a saved VLAN plan writes, read back by the host's saved-configuration reader (as it reads a host: its
 * {@code cat} and {@code ls}): each manager owns eth0.42 (VLAN 42 on eth0, a port of br42) and br42, and with the
 * links running as the plan makes them, both are marked saved, not "gone after reboot".
 */
class SavedVlanReadBackTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** The demo's links with eth0.42 in br42, as the kernel runs them once made. */
    private static List<Link> running() {
        SimulatedHost sim = SimulatedHost.demo();
        sim.kernel().createBridge("br42", BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        sim.kernel().createVlan("eth0.42", "eth0", 42);
        sim.kernel().setLinkMaster("eth0.42", Optional.of("br42"));
        sim.kernel().setLinkUp("eth0.42", true);
        sim.kernel().setLinkUp("br42", true);
        return sim.snapshot().links();
    }

    private SavedConfig readBack(HostSnapshot s, Map<String, ConfigFile> before, HostCommands more) {
        Plan plan = SavedVlanPlannerTest.plan(s, before, SavedVlanPlannerTest.VLAN42);
        FilesInMemory host = new FilesInMemory(before);
        host.apply(plan.operations());
        HostCommands files = host.asHost();
        HostCommands commands = argv -> argv.get(0).equals("nmcli") ? more.run(argv) : files.run(argv);
        SavedConfigReader.Reading reading = new SavedConfigReader(commands, executor).read(running());
        assertEquals(List.of(), reading.gaps());
        return reading.config();
    }

    private static void assertSavedVlan(SavedConfig saved, LinkOwner manager) {
        SavedLink vlan = saved.owner("eth0.42").orElseThrow(() -> new AssertionError("eth0.42 not owned: "
                + saved.links()));
        assertEquals(manager, vlan.owner(), vlan.toString());
        assertEquals(OptionalInt.of(42), vlan.vlanId(), vlan.toString());
        assertEquals(Optional.of("eth0"), vlan.parent(), vlan.toString());
        assertEquals(Optional.of("br42"), vlan.master(), vlan.toString());
        assertEquals(manager, saved.owner("br42").orElseThrow().owner());
        for (Link link : running()) {
            if (link.name().equals("eth0.42") || link.name().equals("br42")) {
                LinkConfig config = saved.of(link).orElseThrow();
                assertTrue(config.saved(), link.name() + " runs as saved: " + config.drift());
            }
        }
    }

    @Test
    void networkdsOwnReaderFindsTheVlanItsTrunkNamesAndItsBridge() {
        HostSnapshot s = SavedVlanPlannerTest.ownedBy(LinkOwner.NETWORKD, SavedVlanPlannerTest.ETH0_NETWORK + ":2",
                "networkctl list");
        SavedConfig saved = readBack(s, Map.of(SavedVlanPlannerTest.ETH0_NETWORK, SavedVlanPlannerTest.ETH0_NETWORKD),
                notInstalled());
        assertSavedVlan(saved, LinkOwner.NETWORKD);
        assertEquals(SavedVlanPlannerTest.ETH0_NETWORK + ":2", saved.owner("eth0").orElseThrow().source(),
                "the trunk stays its own file's");
    }

    @Test
    void ifupdownsReaderFindsBothStanzas() {
        SavedConfig saved = readBack(SavedVlanPlannerTest.ownedBy(LinkOwner.IFUPDOWN, IfupdownPlanner.MAIN + ":6",
                IfupdownPlanner.MAIN), Map.of(IfupdownPlanner.MAIN, SavedVlanPlannerTest.INTERFACES), notInstalled());
        assertSavedVlan(saved, LinkOwner.IFUPDOWN);
        assertTrue(saved.owner("eth0.42").orElseThrow().atBoot(), "auto eth0.42");
    }

    @Test
    void netplansReaderFindsTheVlanAndTheBridgeInVirtwiresFiles() {
        ConfigFile yaml = SavedVlanPlannerTest.NETPLAN;
        SavedConfig saved = readBack(SavedVlanPlannerTest.ownedBy(LinkOwner.NETPLAN, yaml.path() + ":4", yaml.path()),
                Map.of(yaml.path(), yaml), notInstalled());
        assertSavedVlan(saved, LinkOwner.NETPLAN);
    }

    /**
     * NetworkManager is read through nmcli: its answers for the two profiles as NetworkManager 1.42 gives them once it
     * has loaded the keyfiles, with the VLAN's parent and id and the bridge as its master taken from the keyfile the
     * plan wrote.
     */
    @Test
    void networkManagersReaderFindsTheVlanProfileAsThePortOfTheBridge() {
        HostSnapshot s = SavedVlanPlannerTest.ownedBy(LinkOwner.NETWORK_MANAGER, "uplink", "nmcli general");
        Plan plan = SavedVlanPlannerTest.plan(s, Map.of(), SavedVlanPlannerTest.VLAN42);
        NmKeyfile bridge = keyfile(plan, 0);
        NmKeyfile vlan = keyfile(plan, 1);
        String br = bridge.get("connection", "uuid").orElseThrow();
        String vl = vlan.get("connection", "uuid").orElseThrow();
        String dir = NmPlanner.KEYFILES;
        Map<String, String> answers = Map.of(
                "RUNNING,VERSION", "running:1.42.4\n",
                "DEVICE,TYPE,STATE,CON-UUID", "br42:bridge:connected:" + br + "\neth0.42:vlan:connected:" + vl + "\n",
                "NAME,UUID,TYPE,DEVICE,ACTIVE,AUTOCONNECT,FILENAME", "br42:" + br + ":bridge:br42:yes:yes:"
                        + dir.replace(":", "\\:") + "br42.nmconnection\nvlan-eth0.42:" + vl + ":vlan:eth0.42:yes:yes:"
                        + dir + "vlan-eth0.42.nmconnection\n");
        String profiles = "connection.id:br42\nconnection.uuid:" + br + "\nconnection.type:bridge\n"
                + "connection.interface-name:br42\nconnection.autoconnect:yes\nconnection.master:\n"
                + "connection.slave-type:\nipv4.method:disabled\nipv4.addresses:\n\n"
                + "connection.id:vlan-eth0.42\nconnection.uuid:" + vl + "\nconnection.type:vlan\n"
                + "connection.interface-name:" + vlan.get("connection", "interface-name").orElseThrow() + "\n"
                + "connection.autoconnect:yes\nconnection.master:" + vlan.get("connection", "master").orElseThrow()
                + "\nconnection.slave-type:bridge\n802-3-ethernet.mtu:auto\nvlan.id:"
                + vlan.get("vlan", "id").orElseThrow() + "\nvlan.parent:" + vlan.get("vlan", "parent").orElseThrow()
                + "\n";
        HostCommands nmcli = argv -> {
            String fields = argv.get(3);
            String out = argv.contains("uuid") ? profiles : answers.get(fields);
            return new dev.virtwire.host.exec.CommandResult(argv, out == null ? 1 : 0, out == null ? "" : out,
                    out == null ? "unexpected" : "");
        };
        SavedConfigReader.Reading reading = new SavedConfigReader(argv -> argv.get(0).equals("nmcli") ? nmcli.run(argv)
                : new FilesInMemory(Map.of()).asHost().run(argv), executor).read(running());
        assertSavedVlan(reading.config(), LinkOwner.NETWORK_MANAGER);
    }

    private static NmKeyfile keyfile(Plan plan, int step) {
        ConfigFile f = ((dev.virtwire.change.op.NmProfileOp) plan.operations().get(step)).after().orElseThrow();
        return NmKeyfile.parse(f.path(), f.text());
    }

    private static HostCommands notInstalled() {
        return argv -> new dev.virtwire.host.exec.CommandResult(argv, 127, "", "sh: 1: nmcli: not found");
    }
}
