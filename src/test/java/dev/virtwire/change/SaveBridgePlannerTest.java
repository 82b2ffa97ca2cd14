package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A bridge made by hand (br9, with eth1 moved into it from the saved br0) saved as it runs through the manager that
 * would own it: nothing running changes, the files are written (ifupdown: eth1 also out of br0's bridge_ports, in
 * the same rewrite of the file), and undo takes them back byte for byte; a saved bridge, or one with addresses of its
 * own, is refused, named.
 */
class SaveBridgePlannerTest {
    private static final String MAIN = "/etc/network/interfaces";
    private static final String THEIRS = "auto lo\niface lo inet loopback\n\niface eth1 inet manual\n\nauto br0\n"
            + "iface br0 inet manual\n    bridge_ports eth1\n    bridge_stp off\n";

    private static HostSnapshot byHand(LinkOwner manager, boolean running, SavedLink... saved) {
        HostSnapshot demo = SimulatedHost.demo().snapshot().withGuests(List.of()).withNetworks(List.of());
        List<Link> links = new ArrayList<>(demo.links());
        links.add(Link.of("br9", LinkKind.BRIDGE, "52:54:00:99:00:01", 1500, LinkState.UP, List.of()));
        return demo.withLinks(links).updateLink("eth1", l -> l.withMaster(Optional.of("br9")))
                .withSaved(new SavedConfig(true, List.of(new ManagerFound(manager, running, "test")), List.of(saved)));
    }

    private static Plan plan(HostSnapshot s, Map<String, ConfigFile> files) {
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local()).plan(new LinkIntent.SaveBridge("br9"));
    }

    @Test
    void onIfupdownItsStanzaListsThePortWhichLeavesTheOtherBridgesPortsInTheSameRewrite() {
        HostSnapshot s = byHand(LinkOwner.IFUPDOWN, false,
                SavedLink.of("br0", LinkOwner.IFUPDOWN, MAIN + ":7", SavedAddresses.none()),
                SavedLink.of("eth1", LinkOwner.IFUPDOWN, MAIN + ":4", SavedAddresses.none()).withMaster(Optional.of("br0")));
        ConfigFile theirs = new ConfigFile(MAIN, THEIRS, "644", "root", "root");
        Plan plan = plan(s, Map.of(MAIN, theirs));
        assertEquals("Save bridge br9 with its port eth1 as it runs now through ifupdown, from the next boot "
                + "(nothing running changes)", plan.title());
        assertEquals(1, plan.operations().size(), plan.operations().toString());
        ManagerFileOp file = (ManagerFileOp) plan.operations().get(0);
        assertEquals(Optional.of(theirs), file.before());
        String after = file.after().orElseThrow().text();
        assertTrue(after.startsWith(THEIRS.replace("bridge_ports eth1", "bridge_ports none")), after);
        assertTrue(after.contains("auto br9\niface br9 inet manual\n    bridge_ports eth1\n    bridge_stp off\n"), after);
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("ifup") || c.startsWith("ip ")),
                plan.commands().toString());
        assertEquals(Optional.of(theirs), ((ManagerFileOp) file.inverse()).after(), "undo: byte for byte");
    }

    @Test
    void onNetplanRenderingForNetworkdItsBridgeFileAndAPortFileOfVirtwiresOwnNotNetworkManagersProfiles() {
        String users = "/etc/netplan/01-netcfg.yaml";
        HostSnapshot s = byHand(LinkOwner.NETWORKD, true).withSaved(new SavedConfig(true, List.of(
                new ManagerFound(LinkOwner.NETWORKD, true, "test"), new ManagerFound(LinkOwner.NETPLAN, false, users)),
                List.of(SavedLink.of("eth1", LinkOwner.NETPLAN, users + ":5", SavedAddresses.none()))));
        Plan plan = plan(s, Map.of(users, ConfigFile.privateToRoot(users, "network:\n  version: 2\n  renderer: "
                + "networkd\n  ethernets:\n    eth1: {}\n")));
        assertEquals("Save bridge br9 with its port eth1 as it runs now through netplan, from the next boot "
                + "(nothing running changes)", plan.title());
        List<NetplanFileOp> files = plan.operations().stream().map(o -> (NetplanFileOp) o).toList();
        assertEquals(List.of("/etc/netplan/90-virtwire-br9.yaml", "/etc/netplan/91-virtwire-port-eth1.yaml"),
                files.stream().map(f -> f.after().orElseThrow().path()).toList());
        assertTrue(files.get(1).after().orElseThrow().text().endsWith("  bridges:\n    br9:\n      interfaces: "
                + "[eth1]\n"), files.get(1).toString());
        assertTrue(files.stream().allMatch(f -> f.live() == NetplanFileOp.Live.RENDER_ONLY && f.before().isEmpty()),
                "saved only, and undo removes both");
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("ip ") || c.startsWith("networkctl")),
                plan.commands().toString());
    }

    @Test
    void onSystemdNetworkdItsTwoFilesAndAPortFileReadBeforeTheOthers() {
        HostSnapshot s = byHand(LinkOwner.NETWORKD, true, SavedLink.of("eth1", LinkOwner.NETWORKD,
                "/etc/systemd/network/30-eth1.network:1", SavedAddresses.none()).withMaster(Optional.of("br0")));
        List<Operation> ops = plan(s, Map.of()).operations();
        assertEquals(List.of("/etc/systemd/network/60-virtwire-br9.netdev", "/etc/systemd/network/60-virtwire-br9.network",
                "/etc/systemd/network/05-virtwire-eth1.network"), ops.stream().map(o -> ((ManagerFileOp) o).after()
                .orElseThrow().path()).toList());
        assertTrue(((ManagerFileOp) ops.get(2)).after().orElseThrow().text().contains("Bridge=br9"), ops.toString());
    }

    @Test
    void aSavedBridgeOrOneWithAddressesIsRefusedNamed() {
        HostSnapshot saved = byHand(LinkOwner.NETWORKD, true, SavedLink.of("br9", LinkOwner.NETWORKD,
                "/etc/systemd/network/10-br9.netdev:1", SavedAddresses.none()));
        ChangeRefused already = assertThrows(ChangeRefused.class, () -> plan(saved, Map.of()));
        assertTrue(already.getMessage().startsWith("br9 is saved already (systemd-networkd, "
                + "/etc/systemd/network/10-br9.netdev:1)"), already.getMessage());
        HostSnapshot addressed = byHand(LinkOwner.NETWORKD, true).updateLink("br9",
                l -> l.withAddresses(List.of("192.168.1.31/24")));
        ChangeRefused address = assertThrows(ChangeRefused.class, () -> plan(addressed, Map.of()));
        assertTrue(address.getMessage().startsWith("br9 has addresses [192.168.1.31/24]"), address.getMessage());
    }
}
