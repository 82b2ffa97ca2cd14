package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.NetplanNmSwapOp;
import dev.virtwire.change.op.NetworkdSwapOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.UplinkRevertScript;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
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
 * Bridging the uplink through netplan rendered for networkd: the bridge's own YAML takes the uplink's IP settings as
 * their lines; DHCP is taken from the uplink by a later file of Virtwire's own ({@code dhcp4: false}: netplan
 * overrides scalars), addresses and routes (which netplan appends across files) are cut from the user's file, and
 * nothing else in it changes; undo puts every file back byte for byte. What cannot be moved line by line is refused.
 */
class NetplanUplinkTest {
    private static final String USERS = "/etc/netplan/01-netcfg.yaml";
    private static final String OWN = "/etc/netplan/90-virtwire-brlan.yaml";
    private static final String STATIC = "network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    eth0:\n"
            + "      addresses: [192.168.1.20/24]\n      routes:\n        - to: default\n          via: 192.168.1.1\n"
            + "    eth1: {}\n";
    private final HostSnapshot demo = SimulatedHost.demo().snapshot().withGuests(List.of()).withNetworks(List.of());

    private HostSnapshot netplan(String... files) {
        return demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD, true, "test"),
                new ManagerFound(LinkOwner.NETPLAN, false, String.join(", ", files))), List.of(SavedLink.of("eth0",
                LinkOwner.NETPLAN, files[0] + ":5", SavedAddresses.of(List.of("192.168.1.20/24"))))));
    }

    private Plan bridged(Map<String, String> texts, Optional<Scope> scope) {
        Map<String, ConfigFile> files = new HashMap<>();
        texts.forEach((p, t) -> files.put(p, ConfigFile.privateToRoot(p, t)));
        HostSnapshot s = netplan(texts.keySet().stream().sorted().toArray(String[]::new));
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local())
                .plan(new LinkIntent.BridgeUplink("eth0", "brlan", false, 60, scope));
    }

    private static List<ConfigFileChange> files(Plan plan) {
        return ((NetworkdSwapOp) plan.operations().get(1)).files();
    }

    @Test
    void staticAddressesAndRoutesMoveAsTheirLinesUnderTheWatchdogAndUndoPutsTheFileBackByteForByte() {
        Plan plan = bridged(Map.of(USERS, STATIC), Optional.empty());
        assertEquals("Bridge the uplink eth0 into brlan through netplan (confirm within 60 s)", plan.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        assertEquals(LinkOwner.NETPLAN, watchdog.manager());
        NetworkdSwapOp swap = (NetworkdSwapOp) plan.operations().get(1);
        assertTrue(swap.netplan() && swap.bridged(), swap.toString());
        assertEquals(watchdog.files(), swap.files());
        assertEquals(ConfigFile.privateToRoot(OWN, "# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n"
                + "  bridges:\n    brlan:\n      interfaces: [eth0]\n      addresses: [192.168.1.20/24]\n"
                + "      routes:\n        - to: default\n          via: 192.168.1.1\n      parameters:\n"
                + "        stp: false\n        forward-delay: 0\n"), files(plan).get(0).after().orElseThrow());
        ConfigFileChange theirs = files(plan).get(1);
        assertEquals(STATIC, theirs.before().orElseThrow().text());
        assertEquals("network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    eth0: {}\n    eth1: {}\n",
                theirs.after().orElseThrow().text(), "only eth0's addresses and routes are cut");
        String preview = String.join("\n", plan.commands());
        assertTrue(preview.contains("virtwire-networkd brlan eth0 yes netplan /etc/netplan/.90-virtwire-brlan.yaml"),
                preview);
        assertTrue(preview.contains("    -      addresses: [192.168.1.20/24]") && preview.contains("    +++ " + OWN),
                "the diff of both files: " + preview);
        assertFalse(preview.contains("netplan apply"), preview);
        NetworkdSwapOp undo = (NetworkdSwapOp) swap.inverse();
        assertEquals(Optional.of(STATIC), undo.files().get(1).after().map(ConfigFile::text), "byte for byte");
        assertEquals(Optional.empty(), undo.files().get(0).after(), "its own file removed");
        assertTrue(undo.netplan() && !undo.bridged(), undo.toString());
    }

    @Test
    void theWatchdogPutsTheFilesBackAndRendersThemAgainBeforeNetworkdReloads() {
        Plan plan = bridged(Map.of(USERS, STATIC), Optional.empty());
        List<String> argv = ((UplinkWatchdogOp) plan.operations().get(0)).commands().stream()
                .map(c -> String.join(" ", c.shown())).toList();
        String timer = argv.get(argv.size() - 1);
        assertTrue(timer.contains(" netplan brlan eth0 "), timer);
        assertTrue(UplinkRevertScript.REVERT.indexOf("netplan generate") < UplinkRevertScript.REVERT
                .indexOf("networkctl reload"), UplinkRevertScript.REVERT);
    }

    @Test
    void dhcpIsTakenAwayByALaterFileOfVirtwiresOwnAndTheUsersFileIsNotTouched() {
        String dhcp = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      mtu: 9000\n";
        Plan plan = bridged(Map.of(USERS, dhcp), Optional.empty());
        assertEquals(1, files(plan).size(), files(plan).toString());
        assertEquals("# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n  ethernets:\n    eth0:\n"
                + "      dhcp4: false\n  bridges:\n    brlan:\n      interfaces: [eth0]\n      dhcp4: true\n"
                + "      parameters:\n        stp: false\n        forward-delay: 0\n",
                files(plan).get(0).after().orElseThrow().text());
    }

    @Test
    void dhcpInAFileNetplanReadsAfterVirtwiresIsCutThereInstead() {
        String late = "/etc/netplan/99-late.yaml";
        String dhcp = "network:\n  ethernets:\n    eth0:\n      # the LAN\n      dhcp4: yes\n\n      mtu: 9000\n";
        Plan plan = bridged(Map.of(late, dhcp), Optional.empty());
        assertEquals(late, files(plan).get(1).path());
        assertEquals("network:\n  ethernets:\n    eth0:\n      # the LAN\n\n      mtu: 9000\n",
                files(plan).get(1).after().orElseThrow().text(), "the comment and blank line before mtu stay");
        assertTrue(files(plan).get(0).after().orElseThrow().text().contains("      dhcp4: yes\n"));
    }

    @Test
    void savedOnlyWritesTheFilesForTheNextBoot() {
        Plan plan = bridged(Map.of(USERS, STATIC), Optional.of(Scope.CONFIG));
        assertTrue(plan.title().endsWith("saved only (from the next boot)"), plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(2, ops.size(), ops.toString());
        assertTrue(ops.stream().allMatch(o -> o instanceof NetplanFileOp f
                && f.live() == NetplanFileOp.Live.RENDER_ONLY), ops.toString());
    }

    @Test
    void whatCannotBeMovedLineByLineIsRefusedNamed() {
        ChangeRefused flow = assertThrows(ChangeRefused.class, () -> bridged(Map.of(USERS,
                "network:\n  ethernets:\n    eth0: {addresses: [192.168.1.20/24]}\n"), Optional.empty()));
        assertTrue(flow.getMessage().startsWith(USERS + ":3: eth0's addresses is not on lines of its own"),
                flow.getMessage());
        ChangeRefused none = assertThrows(ChangeRefused.class, () -> bridged(Map.of(USERS,
                "network:\n  ethernets:\n    eth0:\n      mtu: 9000\n"), Optional.empty()));
        assertTrue(none.getMessage().startsWith("eth0's definition in " + USERS + " gives it no address"),
                none.getMessage());
        ChangeRefused twice = assertThrows(ChangeRefused.class, () -> bridged(Map.of(USERS, STATIC,
                "/etc/netplan/50-more.yaml", "network:\n  ethernets:\n    eth0:\n      mtu: 9000\n"),
                Optional.empty()));
        assertTrue(twice.getMessage().startsWith("eth0 is defined in several netplan files"), twice.getMessage());
    }

    @Test
    void renderedForNetworkManagerTheSameFilesRunUnderItsCheckpointAndATimerThatPutsTheYamlBackAfterIt() {
        String nm = STATIC.replace("networkd", "NetworkManager");
        Plan plan = bridged(Map.of(USERS, nm), Optional.empty());
        assertEquals("Bridge the uplink eth0 into brlan through netplan (NetworkManager) (confirm within 60 s)",
                plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(3, ops.size(), ops.toString());
        CheckpointOp checkpoint = (CheckpointOp) ops.get(0);
        UplinkWatchdogOp files = (UplinkWatchdogOp) ops.get(1);
        NetplanNmSwapOp swap = (NetplanNmSwapOp) ops.get(2);
        assertEquals(60, checkpoint.seconds(), "NetworkManager takes back what runs");
        assertEquals(LinkOwner.NETWORK_MANAGER, files.manager());
        assertTrue(files.seconds() > checkpoint.seconds(), "the YAML goes back after the checkpoint ran out");
        assertEquals(files.files(), swap.files());
        assertEquals("network:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    eth0: {}\n    eth1: {}\n",
                swap.files().get(1).after().orElseThrow().text(), "the same minimal cut as for networkd");
        assertTrue(swap.files().get(0).after().orElseThrow().text().contains("      addresses: [192.168.1.20/24]\n"));
        List<String> preview = plan.commands();
        int generate = preview.indexOf("netplan generate");
        assertTrue(generate > preview.indexOf("    +++ " + OWN) && generate > preview.indexOf(
                "    -      addresses: [192.168.1.20/24]"), "the files and their diffs, then netplan: " + preview);
        assertEquals(List.of("netplan generate", "nmcli connection reload", "nmcli connection up id netplan-eth0"),
                preview.subList(generate, generate + 3), "NetworkManager reads what netplan rendered, then the NIC's "
                        + "profile (now the bridge's port) is activated");
        assertTrue(preview.stream().noneMatch(c -> c.startsWith("networkctl") || c.startsWith("netplan apply")),
                preview.toString());
        String timer = String.join(" ", files.commands().get(files.commands().size() - 1).shown());
        // no bridge for the timer to delete (the checkpoint's): only the files
        assertTrue(timer.contains(" 70 ") && timer.contains(" NetworkManager '' eth0 "), timer);
        // undo: the same files back byte for byte, the NIC's own profile activated again
        NetplanNmSwapOp undo = (NetplanNmSwapOp) swap.inverse();
        assertEquals(Optional.of(nm), undo.files().get(1).after().map(ConfigFile::text), "byte for byte");
        assertEquals(Optional.empty(), undo.files().get(0).after(), "its own file removed");
        assertFalse(undo.bridged());
        // saved only: the files rendered for the next boot, NetworkManager not told
        Plan saved = bridged(Map.of(USERS, nm), Optional.of(Scope.CONFIG));
        assertTrue(saved.operations().stream().allMatch(o -> o instanceof NetplanFileOp f
                && f.live() == NetplanFileOp.Live.RENDER_ONLY), saved.operations().toString());
    }
}
