package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.change.op.NetplanFileOp.Live;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bridges on a host whose network netplan owns (rendered for networkd, which runs): a file of Virtwire's own beside
 * the user's YAML, netplan generate, and only the networkd command the link needs; undo removes or writes back
 * that file byte for byte; the user's files are never rewritten, and one Virtwire cannot read stops the change.
 */
class NetplanPlannerTest {
    private static final String USERS = "/etc/netplan/01-netcfg.yaml";
    private static final String BRIDGE = "/etc/netplan/90-virtwire-br9.yaml";
    private static final String YAML = "network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    eth0:\n"
            + "      addresses: [192.168.1.20/24]\n    eth1: {}\n  bridges:\n    br0:\n      interfaces: [eth1]\n";
    private final HostSnapshot demo = SimulatedHost.demo().snapshot().withGuests(List.of()).withNetworks(List.of());

    /** netplan's links as discovery reads them from {@link #YAML}, with networkd running to carry them out. */
    private HostSnapshot netplan(SavedLink... more) {
        List<SavedLink> links = new ArrayList<>(List.of(
                SavedLink.of("eth0", LinkOwner.NETPLAN, USERS + ":5", SavedAddresses.of(List.of("192.168.1.20/24"))),
                SavedLink.of("br0", LinkOwner.NETPLAN, USERS + ":9", SavedAddresses.none()),
                SavedLink.of("eth1", LinkOwner.NETPLAN, USERS + ":9", SavedAddresses.none()).asPortOf("br0")));
        links.addAll(List.of(more));
        return demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD, true, "test"),
                new ManagerFound(LinkOwner.NETPLAN, false, USERS)), links));
    }

    private static Map<String, ConfigFile> users(String text, ConfigFile... more) {
        Map<String, ConfigFile> files = new HashMap<>(Map.of(USERS, ConfigFile.privateToRoot(USERS, text)));
        List.of(more).forEach(f -> files.put(f.path(), f));
        return files;
    }

    private static Plan plan(HostSnapshot s, Map<String, ConfigFile> files, Intent intent) {
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local()).plan(intent);
    }

    @Test
    void aNewBridgeIsAFileOfVirtwiresOwnThenGenerateAndAReloadNotNetplanApply() {
        Plan plan = plan(netplan(), users(YAML), new LinkIntent.CreateBridge("br9", true, 4));
        assertEquals("Create bridge br9 with STP through netplan", plan.title());
        assertEquals(1, plan.operations().size(), plan.operations().toString());
        NetplanFileOp op = (NetplanFileOp) plan.operations().get(0);
        assertEquals(new ConfigFile(BRIDGE, "# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n"
                + "  bridges:\n    br9:\n      link-local: []\n      parameters:\n        stp: true\n"
                + "        forward-delay: 4\n", "600", "root", "root"), op.after().orElseThrow());
        assertEquals(Live.MAKE, op.live());
        List<String> commands = plan.commands();
        assertTrue(commands.containsAll(List.of("mv -f /etc/netplan/.90-virtwire-br9.yaml.virtwire-new " + BRIDGE,
                "chmod 600 /etc/netplan/.90-virtwire-br9.yaml.virtwire-new", "    +++ " + BRIDGE, "    +  bridges:",
                "netplan generate", "networkctl reload")), commands.toString());
        assertTrue(commands.indexOf("netplan generate") < commands.indexOf("networkctl reload"), commands.toString());
        assertTrue(commands.stream().noneMatch(c -> c.startsWith("netplan apply")), commands.toString());
        // undo: the file goes, netplan renders without it, networkd deletes the bridge
        assertEquals(List.of("rm -f -- " + BRIDGE, "    --- " + BRIDGE, "    +++ /dev/null"),
                op.inverse().preview().subList(0, 3));
        assertEquals(List.of("netplan generate", "networkctl delete br9"), op.inverse().preview().subList(
                op.inverse().preview().size() - 2, op.inverse().preview().size()));
    }

    @Test
    void savedOnlyRendersButChangesNothingThatRuns() {
        Plan plan = plan(netplan(), users(YAML), new LinkIntent.CreateBridge("br9", false, 0, Optional.of(Scope.CONFIG)));
        assertTrue(plan.title().endsWith("through netplan, saved only (from the next boot)"), plan.title());
        assertEquals(Live.RENDER_ONLY, ((NetplanFileOp) plan.operations().get(0)).live());
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("networkctl") || c.startsWith("ip ")),
                plan.commands().toString());
    }

    @Test
    void renderedForNetworkManagerANewBridgeIsNetworkManagersAndALinkNetplanOwnsIsSavedOnly() {
        String nm = YAML.replace("renderer: networkd", "renderer: NetworkManager");
        HostSnapshot desktop = netplan().withSaved(new SavedConfig(true, List.of(new ManagerFound(
                LinkOwner.NETWORK_MANAGER, true, "test"), new ManagerFound(LinkOwner.NETPLAN, false, USERS)), List.of(
                SavedLink.of("br0", LinkOwner.NETPLAN, USERS + ":9", SavedAddresses.none()),
                SavedLink.of("eth1", LinkOwner.NETPLAN, USERS + ":7", SavedAddresses.none()))));
        Plan bridge = plan(desktop, users(nm), new LinkIntent.CreateBridge("br9", false, 0));
        assertTrue(bridge.title().endsWith("through NetworkManager"), "its own profiles stay: " + bridge.title());
        // eth1 is netplan's: live through netplan is not done for NetworkManager, saved only is
        HostSnapshot free = desktop.updateLink("eth1", l -> l.withMaster(Optional.empty()));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(free, users(nm),
                new LinkIntent.SetLinkMaster("eth1", Optional.of("br0"))));
        assertTrue(refused.getMessage().startsWith("netplan renders this host's network for NetworkManager"),
                refused.getMessage());
        Plan saved = plan(free, users(nm), new LinkIntent.SetLinkMaster("eth1", Optional.of("br0"),
                Optional.of(Scope.CONFIG)));
        assertEquals(List.of(NetplanFileOp.class), saved.operations().stream().map(Object::getClass).toList());
    }

    @Test
    void aYamlVirtwireCannotReadStopsTheChangeNamingFileAndLine() {
        String broken = "network:\n  version: 2\n  ethernets:\n    eth0: [unclosed\n";
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(netplan(), users(broken),
                new LinkIntent.CreateBridge("br9", false, 0)));
        assertTrue(refused.getMessage().startsWith("netplan's " + USERS + ":5: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("never rewrites a file it cannot read"), refused.getMessage());
    }

    @Test
    void aFileInTheWayIsNeverOverwritten() {
        ConfigFile inTheWay = ConfigFile.privateToRoot(BRIDGE, "network: {version: 2}\n");
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(netplan(), users(YAML, inTheWay),
                new LinkIntent.CreateBridge("br9", false, 0)));
        assertTrue(refused.getMessage().startsWith(BRIDGE + " exists already"), refused.getMessage());
    }

    @Test
    void deletingRemovesOnlyVirtwiresOwnFileAndUndoWritesItBackByteForByte() {
        String own = "/etc/netplan/90-virtwire-br0.yaml";
        ConfigFile edited = new ConfigFile(own, "# Made by Virtwire\nnetwork:\n  bridges:\n    br0: {} # by hand\n",
                "640", "root", "adm");
        HostSnapshot s = netplan().withSaved(new SavedConfig(true, netplan().saved().managers(), List.of(
                SavedLink.of("br0", LinkOwner.NETPLAN, own + ":4", SavedAddresses.none()))));
        Plan plan = plan(s, users(YAML, edited), new LinkIntent.DeleteBridge("br0"));
        assertEquals(List.of(new NetplanFileOp("br0", Optional.of(edited), Optional.empty(), Live.DELETE)),
                plan.operations());
        assertEquals(new NetplanFileOp("br0", Optional.empty(), Optional.of(edited), Live.MAKE),
                plan.operations().get(0).inverse(), "undo writes it back as it was, mode and owner too");
        // a bridge the user's YAML makes is theirs
        HostSnapshot noPorts = netplan().withSaved(new SavedConfig(true, netplan().saved().managers(), List.of(
                SavedLink.of("br0", LinkOwner.NETPLAN, USERS + ":9", SavedAddresses.none()))));
        ChangeRefused theirs = assertThrows(ChangeRefused.class, () -> plan(noPorts, users(YAML),
                new LinkIntent.DeleteBridge("br0")));
        assertTrue(theirs.getMessage().startsWith("br0 is made by " + USERS + ":9, not by Virtwire's own "),
                theirs.getMessage());
        // and one with ports saved in netplan keeps them until they are taken out (netplan refuses a dangling port)
        ChangeRefused ported = assertThrows(ChangeRefused.class, () -> plan(netplan(), users(YAML, edited),
                new LinkIntent.DeleteBridge("br0")));
        assertTrue(ported.getMessage().startsWith("br0 has ports saved in netplan: eth1 (" + USERS + ":9)"),
                ported.getMessage());
    }

    @Test
    void aPortIsALaterFileAddingTheLinkToTheBridgesInterfacesAndUndoRemovesIt() {
        String own = "/etc/netplan/91-virtwire-port-eth1.yaml";
        HostSnapshot free = netplan().withSaved(new SavedConfig(true, netplan().saved().managers(), List.of(
                SavedLink.of("br0", LinkOwner.NETPLAN, USERS + ":9", SavedAddresses.none()))))
                .updateLink("eth1", l -> l.withMaster(Optional.empty()));
        Plan added = plan(free, users(YAML), new LinkIntent.SetLinkMaster("eth1", Optional.of("br0")));
        List<Operation> ops = added.operations();
        assertEquals(new NetplanFileOp("eth1", Optional.empty(), Optional.of(ConfigFile.privateToRoot(own,
                "# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n  ethernets:\n    eth1: {}\n"
                        + "  bridges:\n    br0:\n      interfaces: [eth1]\n")), Live.RENDER_ONLY), ops.get(0));
        assertEquals(new LinkMasterOp("eth1", Optional.of("br0"), Optional.empty(), false), ops.get(1));
        assertTrue(added.commands().contains("ip link set dev eth1 master br0"), added.commands().toString());
        // the port's own file removed again
        ConfigFile written = ((NetplanFileOp) ops.get(0)).after().orElseThrow();
        HostSnapshot inBr0 = netplan();
        Plan removed = plan(inBr0, users(YAML, written), new LinkIntent.SetLinkMaster("vnet3", Optional.empty()));
        assertTrue(removed.operations().stream().noneMatch(NetplanFileOp.class::isInstance), "a tap is not netplan's");
        Plan out = plan(inBr0, users(YAML, written),
                new LinkIntent.SetLinkMaster("eth1", Optional.empty()));
        assertEquals(new NetplanFileOp("eth1", Optional.of(written), Optional.empty(), Live.RENDER_ONLY),
                out.operations().get(0));
    }

    @Test
    void portsTheUsersYamlMakesAndTheUplinkAreRefusedNamed() {
        ChangeRefused theirs = assertThrows(ChangeRefused.class, () -> plan(netplan(), users(YAML),
                new LinkIntent.SetLinkMaster("eth1", Optional.empty())));
        assertTrue(theirs.getMessage().startsWith("eth1 is put into br0 by " + USERS + ":9, not by Virtwire's own"),
                theirs.getMessage());
        ChangeRefused uplink = assertThrows(ChangeRefused.class, () -> plan(netplan(), users(YAML),
                new LinkIntent.SetLinkMaster("eth0", Optional.of("br0"))));
        assertTrue(uplink.getMessage().startsWith("eth0 has addresses in " + USERS + ":5"), uplink.getMessage());
    }

    @Test
    void anMtuIsAFileOfVirtwiresOwnUnderTheLinksOwnSectionThenSetLiveAndUndoRemovesItTheUplinksUnderTheWatchdog() {
        String own = "/etc/netplan/92-virtwire-mtu-br0.yaml";
        Plan plan = plan(netplan(), users(YAML), new LinkIntent.SetLinkMtu("br0", 1400));
        assertEquals("Set the MTU of br0 to 1400 through netplan", plan.title());
        NetplanFileOp op = (NetplanFileOp) plan.operations().get(0);
        assertEquals(new NetplanFileOp("br0", Optional.empty(), Optional.of(ConfigFile.privateToRoot(own,
                "# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n  bridges:\n    br0:\n      mtu: 1400\n")),
                Live.RENDER_ONLY), op);
        assertEquals(new dev.virtwire.change.op.LinkMtuOp("br0", 1400, 1500, false), plan.operations().get(1));
        assertTrue(plan.commands().containsAll(List.of("netplan generate", "ip link set dev br0 mtu 1400")),
                plan.commands().toString());
        assertEquals(List.of("rm -f -- " + own), op.inverse().commands().subList(0, 1).stream()
                .map(c -> c.shown().get(0)).toList());
        // a second change rewrites that file, from what it says now
        ConfigFile first = op.after().orElseThrow();
        NetplanFileOp again = (NetplanFileOp) plan(netplan(), users(YAML, first), new LinkIntent.SetLinkMtu("br0",
                1300)).operations().get(0);
        assertEquals(Optional.of(first), again.before());
        assertTrue(again.after().orElseThrow().text().endsWith("      mtu: 1300\n"), again.toString());
        // the uplink's MTU under the watchdog: unconfirmed, Virtwire's file removed, netplan generate, networkd
        // reloaded, the MTU set back
        Plan uplink = plan(netplan(), users(YAML), new LinkIntent.SetLinkMtu("eth0", 1400));
        assertEquals("Set the MTU of eth0 to 1400 through netplan (confirm within 60 s)", uplink.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) uplink.operations().get(0);
        assertEquals(LinkOwner.NETPLAN, watchdog.manager());
        assertEquals(List.of(new ConfigFileChange(Optional.empty(), ((NetplanFileOp) uplink.operations().get(1))
                .after())), watchdog.files());
        assertEquals(List.of("link set dev eth0 mtu 1500"), watchdog.batch());
        String timer = uplink.commands().stream().filter(c -> c.startsWith("setsid -f sh -c")).findFirst()
                .orElseThrow();
        assertTrue(timer.endsWith(" 60 /run/virtwire/revert-" + watchdog.id() + ".batch netplan '' eth0 '' "
                + own.replace("br0", "eth0")), "a file that was not there is removed: " + timer);
        assertTrue(uplink.commands().indexOf(timer) < uplink.commands().indexOf("netplan generate"),
                uplink.commands().toString());
    }

    @Test
    void anMtuNoFileOfVirtwiresCanSetIsRefusedNamingWhereToSetIt() {
        String matched = "network:\n  version: 2\n  ethernets:\n    lan:\n      match: {name: eth0}\n"
                + "      set-name: eth0\n      dhcp4: true\n";
        HostSnapshot s = demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD, true,
                "test"), new ManagerFound(LinkOwner.NETPLAN, false, USERS)), List.of(SavedLink.of("eth0",
                LinkOwner.NETPLAN, USERS + ":4", SavedAddresses.byDhcp()))));
        ChangeRefused byMatch = assertThrows(ChangeRefused.class, () -> plan(s, users(matched),
                new LinkIntent.SetLinkMtu("eth0", 9000)));
        assertTrue(byMatch.getMessage().startsWith("eth0 is not defined under its own name in netplan's YAML ("
                + USERS + ":4)"), byMatch.getMessage());
        String later = "/etc/netplan/99-jumbo.yaml";
        HostSnapshot both = netplan().withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD,
                true, "test"), new ManagerFound(LinkOwner.NETPLAN, false, USERS + ", " + later)),
                netplan().saved().links()));
        ChangeRefused wins = assertThrows(ChangeRefused.class, () -> plan(both, users(YAML,
                ConfigFile.privateToRoot(later, "network:\n  version: 2\n  bridges:\n    br0:\n      mtu: 9000\n")),
                new LinkIntent.SetLinkMtu("br0", 1400)));
        assertTrue(wins.getMessage().startsWith(later + ":4 sets the MTU of br0"), wins.getMessage());
    }
}
