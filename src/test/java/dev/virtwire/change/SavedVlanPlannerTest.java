package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.NetworkdLinksOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.VlanLinkOp;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Put web1 on VLAN 42" on a host whose trunk (eth0) a manager owns: the VLAN link eth0.42 and its bridge br42 are
 * saved through that manager (scope both by default), previewed with the exact commands and diffs; the steps, run on
 * files in memory, write exactly the planned files, and undo leaves every file byte for byte as it was. Live only,
 * the kernel's own links, marked gone after reboot. The manager's own tools read the files in
 * {@link SavedVlanToolsTest}; the saved-configuration reader reads them back in {@link SavedVlanReadBackTest}.
 */
class SavedVlanPlannerTest {
    static final String WEB1_NIC = "52:54:00:3a:10:01";
    static final GuestIntent.PutNicOnVlan VLAN42 = new GuestIntent.PutNicOnVlan("web1", WEB1_NIC, 42,
            Optional.empty(), Optional.empty());
    static final String ETH0_NETWORK = "/etc/systemd/network/40-eth0.network";
    /** The admin's own file: a comment and an odd blank line that must survive. */
    static final ConfigFile ETH0_NETWORKD = new ConfigFile(ETH0_NETWORK, "# the uplink\n[Match]\nName=eth0\n\n"
            + "[Network]\nDHCP=ipv4\n\n\n[DHCPv4]\nRouteMetric=100\n", "644", "root", "systemd-network");
    static final ConfigFile INTERFACES = new ConfigFile(IfupdownPlanner.MAIN, "# by the installer\nauto lo\n"
            + "iface lo inet loopback\n\nallow-hotplug eth0\niface eth0 inet dhcp\n", "644", "root", "root");
    static final ConfigFile NETPLAN = ConfigFile.privateToRoot("/etc/netplan/01-netcfg.yaml", "network:\n  version: 2\n"
            + "  ethernets:\n    eth0:\n      dhcp4: true\n");

    private static final HostSnapshot DEMO = SimulatedHost.demo().snapshot();

    static HostSnapshot ownedBy(LinkOwner manager, String source, String evidence) {
        return DEMO.withSaved(new SavedConfig(true, List.of(new ManagerFound(manager, true, evidence)), List.of(
                SavedLink.of("eth0", manager, source, SavedAddresses.byDhcp()).withActive(true))));
    }

    static Plan plan(HostSnapshot s, Map<String, ConfigFile> files, Intent intent) {
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local()).plan(intent);
    }

    /** The plan run on the files, then undone: what it wrote, and every file as it was, byte for byte. */
    static FilesInMemory runAndUndo(Plan plan, Map<String, ConfigFile> before) {
        FilesInMemory host = new FilesInMemory(before);
        host.apply(plan.operations());
        FilesInMemory written = new FilesInMemory(host.files);
        host.commands.forEach(written.commands::add);
        host.undo(plan.operations());
        assertEquals(new FilesInMemory(before).files, host.files, "undo leaves every file as it was");
        before.values().forEach(f -> assertEquals(f.text(), host.files.get(f.path()).text(), "byte for byte"));
        return written;
    }

    @Test
    void networkManagerSavesAVlanProfileAsThePortOfTheBridgesProfile() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORK_MANAGER, "Wired connection 1", "nmcli general: running 1.42.4");
        Plan plan = plan(s, Map.of(), VLAN42);
        assertEquals("Put web1's NIC " + WEB1_NIC + " on VLAN 42 (eth0.42 in br42) through NetworkManager",
                plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(3, ops.size(), ops.toString());
        NmProfileOp bridge = (NmProfileOp) ops.get(0);
        NmProfileOp vlan = (NmProfileOp) ops.get(1);
        assertTrue(bridge.after().orElseThrow().text().contains("type=bridge\ninterface-name=br42\n"));
        assertEquals(new ConfigFile(NmPlanner.KEYFILES + "vlan-eth0.42.nmconnection", "[connection]\n"
                + "id=vlan-eth0.42\nuuid=" + vlan.uuid() + "\ntype=vlan\ninterface-name=eth0.42\nmaster=br42\n"
                + "slave-type=bridge\n\n[vlan]\nid=42\nparent=eth0\n", "600", "root", "root"), vlan.after().orElseThrow());
        assertEquals(Optional.of("br42"), vlan.master());
        assertInstanceOf(AttachNicOp.class, ops.get(2), "the NIC moves last");
        List<String> commands = plan.commands();
        assertTrue(commands.containsAll(List.of("nmcli connection load " + NmPlanner.KEYFILES
                + "vlan-eth0.42.nmconnection", "nmcli connection up uuid " + vlan.uuid(), "    +parent=eth0")),
                commands.toString());
        assertTrue(commands.stream().noneMatch(c -> c.startsWith("ip link add")), "NetworkManager makes the links");
        FilesInMemory written = runAndUndo(plan, Map.of());
        assertEquals(2, written.files.size(), written.files.toString());
        assertTrue(written.commands.contains("nmcli connection up uuid " + vlan.uuid()), written.commands.toString());
    }

    @Test
    void networkdGetsAVlanNetdevAndNetworkOfVirtwiresOwnAndOneVlanLineInTheTrunksFile() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        Map<String, ConfigFile> before = Map.of(ETH0_NETWORK, ETH0_NETWORKD);
        Plan plan = plan(s, before, VLAN42);
        assertEquals("Put web1's NIC " + WEB1_NIC + " on VLAN 42 (eth0.42 in br42) through systemd-networkd",
                plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(7, ops.size(), ops.toString());
        assertEquals("# Made by Virtwire; undo removes it.\n[NetDev]\nName=eth0.42\nKind=vlan\n\n[VLAN]\nId=42\n",
                ((ManagerFileOp) ops.get(0)).after().orElseThrow().text());
        assertEquals("# Made by Virtwire; undo removes it.\n[Match]\nName=eth0.42\n\n[Network]\nBridge=br42\n"
                + "LinkLocalAddressing=no\n", ((ManagerFileOp) ops.get(1)).after().orElseThrow().text());
        ManagerFileOp trunk = (ManagerFileOp) ops.get(4);
        assertEquals(new ConfigFile(ETH0_NETWORK, "# the uplink\n[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n"
                + "VLAN=eth0.42\n\n\n[DHCPv4]\nRouteMetric=100\n", "644", "root", "systemd-network"),
                trunk.after().orElseThrow(), "one line added, every other as it was");
        assertEquals(new NetworkdLinksOp(List.of("eth0.42", "br42"), "eth0", true), ops.get(5));
        List<String> commands = plan.commands();
        assertEquals(1, commands.stream().filter(c -> c.startsWith("networkctl")).count(), commands.toString());
        assertTrue(commands.contains("networkctl reload") && commands.contains("    +VLAN=eth0.42"),
                commands.toString());
        assertEquals(List.of("networkctl delete br42 eth0.42"), ops.get(5).inverse().preview());
        FilesInMemory written = runAndUndo(plan, before);
        assertEquals(5, written.files.size(), written.files.keySet().toString());
        assertEquals(List.of("networkctl reload"), written.commands);
    }

    @Test
    void networkdCopiesATrunkFileFromUsrLibToEtcAndRefusesOneThatMatchesOtherLinksToo() {
        String lib = "/usr/lib/systemd/network/80-ethernet.network";
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, lib + ":1", "networkctl list");
        ConfigFile shipped = new ConfigFile(lib, "[Match]\nName=eth0\n[Network]\nDHCP=yes\n", "644", "root", "root");
        Plan plan = plan(s, Map.of(lib, shipped), VLAN42);
        ManagerFileOp copy = (ManagerFileOp) plan.operations().get(4);
        assertEquals(Optional.empty(), copy.before());
        assertEquals(new ConfigFile("/etc/systemd/network/80-ethernet.network", "[Match]\nName=eth0\n[Network]\n"
                + "DHCP=yes\nVLAN=eth0.42\n", "644", "root", "root"), copy.after().orElseThrow());
        ConfigFile wide = new ConfigFile(lib, "[Match]\nName=eth* en*\n[Network]\nDHCP=yes\n", "644", "root", "root");
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(lib, wide), VLAN42));
        assertTrue(refused.getMessage().startsWith("eth0 is configured by " + lib + ", which matches other links too"),
                refused.getMessage());
        ConfigFile named = new ConfigFile(ETH0_NETWORK, "[Match]\nName=eth0\n[Network]\nVLAN=eth0.42\n", "644", "root",
                "root");
        HostSnapshot inEtc = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":1", "networkctl list");
        ChangeRefused already = assertThrows(ChangeRefused.class, () -> plan(inEtc, Map.of(ETH0_NETWORK, named),
                VLAN42));
        assertTrue(already.getMessage().startsWith(ETH0_NETWORK + " names eth0.42 already"), already.getMessage());
        HostSnapshot netdevOnly = ownedBy(LinkOwner.NETWORKD, "/etc/systemd/network/10-eth0.link:1", "networkctl list");
        ChangeRefused none = assertThrows(ChangeRefused.class, () -> plan(netdevOnly, Map.of(), VLAN42));
        assertTrue(none.getMessage().startsWith("eth0 is configured by no systemd-networkd .network file"),
                none.getMessage());
    }

    @Test
    void ifupdownGetsTwoStanzasOfVirtwiresOwnAtTheEndOfTheInterfacesFile() {
        HostSnapshot s = ownedBy(LinkOwner.IFUPDOWN, IfupdownPlanner.MAIN + ":6", IfupdownPlanner.MAIN);
        Map<String, ConfigFile> before = Map.of(IfupdownPlanner.MAIN, INTERFACES);
        Plan plan = plan(s, before, VLAN42);
        List<Operation> ops = plan.operations();
        assertEquals(4, ops.size(), ops.toString());
        assertEquals(INTERFACES.text() + "\n# virtwire: begin eth0.42\n# Made by Virtwire; undo removes it.\n"
                + "auto eth0.42\niface eth0.42 inet manual\n    vlan-raw-device eth0\n# virtwire: end eth0.42\n\n"
                + "# virtwire: begin br42\n# Made by Virtwire; undo removes it.\nauto br42\niface br42 inet manual\n"
                + "    bridge_ports eth0.42\n    bridge_stp off\n    bridge_fd 15\n# virtwire: end br42\n",
                ((ManagerFileOp) ops.get(0)).after().orElseThrow().text());
        assertEquals(List.of(new ManagerLinkOp("eth0.42", true, LinkOwner.IFUPDOWN),
                new ManagerLinkOp("br42", true, LinkOwner.IFUPDOWN)), ops.subList(1, 3));
        FilesInMemory written = runAndUndo(plan, before);
        assertEquals(List.of("ifup eth0.42", "ifup br42"), written.commands);
    }

    @Test
    void netplanGetsAVlanFileReadBeforeTheBridgesFile() {
        HostSnapshot s = ownedBy(LinkOwner.NETPLAN, NETPLAN.path() + ":4", NETPLAN.path());
        Map<String, ConfigFile> before = Map.of(NETPLAN.path(), NETPLAN);
        Plan plan = plan(s, before, VLAN42);
        List<Operation> ops = plan.operations();
        NetplanFileOp vlan = (NetplanFileOp) ops.get(0);
        NetplanFileOp bridge = (NetplanFileOp) ops.get(1);
        assertEquals(ConfigFile.privateToRoot("/etc/netplan/89-virtwire-vlan-eth0.42.yaml", "# Made by Virtwire; "
                + "undo removes it.\nnetwork:\n  version: 2\n  vlans:\n    eth0.42:\n      id: 42\n      link: eth0\n"
                + "      link-local: []\n"), vlan.after().orElseThrow());
        assertTrue(bridge.after().orElseThrow().text().contains("  bridges:\n    br42:\n      interfaces: [eth0.42]\n"));
        assertEquals(NetplanFileOp.Live.MAKE, vlan.live());
        FilesInMemory written = runAndUndo(plan, before);
        assertEquals(List.of("netplan generate", "networkctl reload", "netplan generate", "networkctl reload"),
                written.commands);
        // the trunk defined in a file netplan reads after the VLAN's: it would not find it there
        ConfigFile late = ConfigFile.privateToRoot("/etc/netplan/99-late.yaml", NETPLAN.text());
        HostSnapshot lateOwned = ownedBy(LinkOwner.NETPLAN, late.path() + ":4", late.path());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(lateOwned, Map.of(late.path(), late),
                VLAN42));
        assertTrue(refused.getMessage().startsWith("eth0 is defined in /etc/netplan/99-late.yaml:4, which netplan "
                + "reads after"), refused.getMessage());
    }

    @Test
    void theIntentsScopeAndNetworkdsStepAreKeptInTheJournal() throws Exception {
        Intent saved = new GuestIntent.PutNicOnVlan("web1", WEB1_NIC, 42, Optional.of("eth0"), Optional.empty(),
                Optional.of(Scope.CONFIG));
        assertEquals(saved, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(saved), Intent.class));
        assertEquals(VLAN42, JournalJson.MAPPER.readValue("{\"intent\":\"put-nic-on-vlan\",\"guest\":\"web1\","
                + "\"mac\":\"" + WEB1_NIC + "\",\"vlan\":42}", Intent.class), "a journal from before scopes");
        Operation op = new NetworkdLinksOp(List.of("eth0.42", "br42"), "eth0", true);
        assertEquals(op, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(op), Operation.class));
    }

    @Test
    void savedOnlyWritesTheFilesAndMovesTheNicInTheGuestsSavedDefinitionOnly() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        Plan plan = plan(s, Map.of(ETH0_NETWORK, ETH0_NETWORKD), new GuestIntent.PutNicOnVlan("web1", WEB1_NIC, 42,
                Optional.empty(), Optional.empty(), Optional.of(Scope.CONFIG)));
        assertTrue(plan.title().contains("saved only (from the next boot"), plan.title());
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("networkctl") || c.startsWith("ip ")),
                plan.commands().toString());
        AttachNicOp nic = (AttachNicOp) plan.operations().get(plan.operations().size() - 1);
        assertEquals(Scope.CONFIG, nic.scope());
    }

    @Test
    void liveOnlyKeepsTheKernelsOwnLinksAndSaysTheyAreGoneAfterReboot() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        Plan plan = plan(s, Map.of(ETH0_NETWORK, ETH0_NETWORKD), new GuestIntent.PutNicOnVlan("web1", WEB1_NIC, 42,
                Optional.empty(), Optional.empty(), Optional.of(Scope.LIVE)));
        assertTrue(plan.title().endsWith(" (live only: gone after reboot)"), plan.title());
        assertInstanceOf(VlanLinkOp.class, plan.operations().get(0));
    }

    /** web1 onto a bridge br42 that runs and that the manager saves: the VLAN saved as its port, nothing more. */
    static HostSnapshot withBridge(HostSnapshot s, SavedLink br42) {
        SimulatedHost sim = new SimulatedHost(s);
        sim.kernel().createBridge("br42", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        List<SavedLink> links = new java.util.ArrayList<>(s.saved().links());
        links.add(br42);
        return sim.snapshot().withSaved(new SavedConfig(true, s.saved().managers(), links));
    }

    @Test
    void aVlanIntoABridgeTheManagerSavesIsSavedAsItsPortOnly() {
        HostSnapshot nm = withBridge(ownedBy(LinkOwner.NETWORK_MANAGER, "uplink", "nmcli general"),
                SavedLink.of("br42", LinkOwner.NETWORK_MANAGER, "br42", SavedAddresses.none()));
        List<Operation> nmOps = plan(nm, Map.of(), VLAN42).operations();
        assertEquals(2, nmOps.size(), nmOps.toString());
        assertEquals(Optional.of("br42"), ((NmProfileOp) nmOps.get(0)).master());

        HostSnapshot networkd = withBridge(ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list"),
                SavedLink.of("br42", LinkOwner.NETWORKD, "/etc/systemd/network/60-virtwire-br42.netdev:2",
                        SavedAddresses.none()));
        List<Operation> ndOps = plan(networkd, Map.of(ETH0_NETWORK, ETH0_NETWORKD), VLAN42).operations();
        assertEquals(new NetworkdLinksOp(List.of("eth0.42"), "eth0", true), ndOps.get(3), ndOps.toString());

        String interfacesWithBridge = INTERFACES.text() + "\nauto br42\niface br42 inet manual\n    bridge_ports none\n";
        ConfigFile main = new ConfigFile(IfupdownPlanner.MAIN, interfacesWithBridge, "644", "root", "root");
        HostSnapshot ifupdown = withBridge(ownedBy(LinkOwner.IFUPDOWN, IfupdownPlanner.MAIN + ":6",
                IfupdownPlanner.MAIN), SavedLink.of("br42", LinkOwner.IFUPDOWN, IfupdownPlanner.MAIN + ":9",
                SavedAddresses.none()));
        Plan plan = plan(ifupdown, Map.of(main.path(), main), VLAN42);
        String after = ((ManagerFileOp) plan.operations().get(0)).after().orElseThrow().text();
        assertTrue(after.startsWith(INTERFACES.text() + "\nauto br42\niface br42 inet manual\n    bridge_ports eth0.42\n"
                + "\n# virtwire: begin eth0.42\n"), "one file, both edits: " + after);
        assertTrue(plan.commands().containsAll(List.of("ifup eth0.42", "ip link set dev eth0.42 master br42")),
                plan.commands().toString());
        runAndUndo(plan, Map.of(main.path(), main));

        HostSnapshot netplan = withBridge(ownedBy(LinkOwner.NETPLAN, NETPLAN.path() + ":4", NETPLAN.path()),
                SavedLink.of("br42", LinkOwner.NETPLAN, "/etc/netplan/90-virtwire-br42.yaml:4", SavedAddresses.none()));
        List<Operation> npOps = plan(netplan, Map.of(NETPLAN.path(), NETPLAN), VLAN42).operations();
        assertEquals("/etc/netplan/91-virtwire-port-eth0.42.yaml", ((NetplanFileOp) npOps.get(1)).after()
                .orElseThrow().path());
        assertInstanceOf(dev.virtwire.change.op.LinkMasterOp.class, npOps.get(2));
    }

    @Test
    void aBridgeThatRunsButIsNotSavedThereIsNotSavedHalf() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        SimulatedHost sim = new SimulatedHost(s);
        sim.kernel().createBridge("br42", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(sim.snapshot().withSaved(s.saved()),
                Map.of(ETH0_NETWORK, ETH0_NETWORKD), VLAN42));
        assertTrue(refused.getMessage().startsWith("br42 runs already, but systemd-networkd does not save it"),
                refused.getMessage());
    }

    @Test
    void aVlanLinkThatRunsInNoBridgeIsNotSavedHalf() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        SimulatedHost sim = new SimulatedHost(s);
        sim.kernel().createVlan("eth0.42", "eth0", 42);
        HostSnapshot withVlan = sim.snapshot().withSaved(s.saved());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(withVlan, new HashMap<>(Map.of(
                ETH0_NETWORK, ETH0_NETWORKD)), VLAN42));
        assertTrue(refused.getMessage().startsWith("eth0.42 runs already, in no bridge: through systemd-networkd "
                + "Virtwire saves a new VLAN link only"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--scope live"), refused.getMessage());
        // also when a bridge of that name runs too: the VLAN link is in no bridge, so not in that one
        sim.kernel().createBridge("br42", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        HostSnapshot withBoth = sim.snapshot().withSaved(s.saved());
        ChangeRefused both = assertThrows(ChangeRefused.class, () -> plan(withBoth, Map.of(ETH0_NETWORK,
                ETH0_NETWORKD), VLAN42));
        assertTrue(both.getMessage().startsWith("eth0.42 runs already, in no bridge"), both.getMessage());
    }

    @Test
    void aVlanLinkInItsBridgeAlreadyIsReusedAndTheTitleSaysWhatIsNotSaved() {
        HostSnapshot s = ownedBy(LinkOwner.NETWORKD, ETH0_NETWORK + ":2", "networkctl list");
        SimulatedHost sim = new SimulatedHost(s);
        sim.kernel().createBridge("br42", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        sim.kernel().createVlan("eth0.42", "eth0", 42);
        sim.kernel().setLinkMaster("eth0.42", Optional.of("br42"));
        Plan plan = plan(sim.snapshot().withSaved(s.saved()), Map.of(ETH0_NETWORK, ETH0_NETWORKD), VLAN42);
        assertEquals(1, plan.operations().size(), "only the NIC moves: " + plan.operations());
        assertTrue(plan.title().endsWith("(eth0.42 and br42 live only: gone after reboot)"), plan.title());
    }
}
