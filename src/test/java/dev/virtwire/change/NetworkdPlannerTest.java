package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.NetworkdSwapOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bridges on a host whose network systemd-networkd owns: made through two small files of Virtwire's own and
 * {@code networkctl reload}, deleted with {@code networkctl delete} and the files removed as they were (undo writes
 * them back byte for byte); a file in the way is never overwritten; the uplink bridged by moving its IP settings to
 * the bridge's file, under the watchdog.
 */
class NetworkdPlannerTest {
    private static final String NETDEV = "/etc/systemd/network/60-virtwire-br9.netdev";
    private static final String NETWORK = "/etc/systemd/network/60-virtwire-br9.network";
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    private HostSnapshot networkd(SavedLink... more) {
        List<SavedLink> links = new java.util.ArrayList<>(List.of(SavedLink.of("eth0", LinkOwner.NETWORKD,
                "/etc/systemd/network/40-eth0.network:1", SavedAddresses.of(List.of("192.168.1.20/24")))
                .withActive(true)));
        links.addAll(List.of(more));
        return demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD, true, "test")), links));
    }

    private static Plan plan(HostSnapshot s, Map<String, ConfigFile> files, Intent intent) {
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local()).plan(intent);
    }

    @Test
    void aNewBridgeIsANetdevAndANetworkOfVirtwiresOwnThenAReload() {
        Plan plan = plan(networkd(), Map.of(), new LinkIntent.CreateBridge("br9", true, 4));
        assertEquals("Create bridge br9 with STP through systemd-networkd", plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(3, ops.size(), ops.toString());
        ManagerFileOp netdev = (ManagerFileOp) ops.get(0);
        assertEquals(new ConfigFile(NETDEV, "# Made by Virtwire; undo removes it.\n[NetDev]\nName=br9\nKind=bridge\n\n"
                + "[Bridge]\nSTP=yes\nForwardDelaySec=4\n", "644", "root", "root"), netdev.after().orElseThrow());
        assertTrue(((ManagerFileOp) ops.get(1)).after().orElseThrow().text().contains("[Match]\nName=br9\n"));
        assertEquals(new ManagerLinkOp("br9", true, LinkOwner.NETWORKD), ops.get(2));
        assertTrue(plan.commands().contains("networkctl reload"), plan.commands().toString());
        assertTrue(plan.commands().contains("mv -f /etc/systemd/network/.60-virtwire-br9.netdev.virtwire-new " + NETDEV),
                plan.commands().toString());
        assertTrue(plan.commands().contains("    +Kind=bridge"), plan.commands().toString());
        // undo: networkd deletes the bridge, then the files go
        assertEquals(List.of("networkctl delete br9"), ops.get(2).inverse().preview());
        assertEquals(List.of("rm -f -- " + NETDEV), ops.get(0).inverse().commands().stream()
                .map(c -> c.shown().get(0)).toList());
    }

    @Test
    void savedOnlyWritesTheFilesAndRunsNothing() {
        Plan plan = plan(networkd(), Map.of(), new LinkIntent.CreateBridge("br9", false, 0, Optional.of(Scope.CONFIG)));
        assertTrue(plan.title().endsWith("saved only (from the next boot)"), plan.title());
        assertEquals(2, plan.operations().size());
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("networkctl") || c.startsWith("ip ")),
                plan.commands().toString());
    }

    @Test
    void aFileInTheWayIsNeverOverwritten() {
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(networkd(), Map.of(NETDEV,
                new ConfigFile(NETDEV, "[NetDev]\nName=other\n", "644", "root", "root")),
                new LinkIntent.CreateBridge("br9", false, 0)));
        assertTrue(refused.getMessage().startsWith(NETDEV + " exists already"), refused.getMessage());
    }

    @Test
    void deletingTakesTheBridgeAndItsFilesAwayAndUndoWritesThemBackByteForByte() {
        HostSnapshot s = networkd(SavedLink.of("br0", LinkOwner.NETWORKD, NETWORK + ":2", SavedAddresses.none()));
        String theirs = "# Made by Virtwire; undo removes it.\n[NetDev]\nName=br0\nKind=bridge\n# edited by hand \n";
        ConfigFile netdev = new ConfigFile("/etc/systemd/network/60-virtwire-br0.netdev", theirs, "640", "root",
                "systemd-network");
        HostSnapshot noGuests = s.withGuests(List.of()).withNetworks(List.of());
        Plan plan = plan(noGuests, Map.of(netdev.path(), netdev), new LinkIntent.DeleteBridge("br0"));
        List<Operation> ops = plan.operations();
        assertEquals(new ManagerLinkOp("br0", false, LinkOwner.NETWORKD), ops.get(0));
        assertEquals(new ManagerFileOp(LinkOwner.NETWORKD.json(), "br0", Optional.of(netdev), Optional.empty()),
                ops.get(1));
        assertEquals(Optional.of(netdev), ((ManagerFileOp) ops.get(1).inverse()).after(), "undo writes it back");
    }

    @Test
    void aBridgeAnotherFileMakesIsLeftToItsAuthor() {
        HostSnapshot s = networkd(SavedLink.of("br0", LinkOwner.NETWORKD, "/etc/systemd/network/10-br0.netdev:1",
                SavedAddresses.none())).withGuests(List.of()).withNetworks(List.of());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(), new LinkIntent.DeleteBridge("br0")));
        assertTrue(refused.getMessage().contains("/etc/systemd/network/10-br0.netdev:1"), refused.getMessage());
    }

    @Test
    void aPortIsANetworkFileOfVirtwiresOwnReadBeforeTheLinksOthersAndUndoRemovesIt() {
        String own = "/etc/systemd/network/05-virtwire-eth1.network";
        HostSnapshot free = networkd(SavedLink.of("br0", LinkOwner.NETWORKD, "/etc/systemd/network/10-br0.netdev:1",
                SavedAddresses.none()), SavedLink.of("eth1", LinkOwner.NETWORKD, "/etc/systemd/network/30-eth1.network:1",
                SavedAddresses.none())).updateLink("eth1", l -> l.withMaster(Optional.empty()));
        Plan added = plan(free, Map.of(), new LinkIntent.SetLinkMaster("eth1", Optional.of("br0")));
        ManagerFileOp file = (ManagerFileOp) added.operations().get(0);
        assertEquals(new ConfigFile(own, "# Made by Virtwire; undo removes it.\n[Match]\nName=eth1\n\n[Network]\n"
                + "Bridge=br0\nLinkLocalAddressing=no\n", "644", "root", "root"), file.after().orElseThrow());
        assertTrue(added.commands().contains("ip link set dev eth1 master br0"), added.commands().toString());
        assertEquals(List.of("rm -f -- " + own), file.inverse().commands().stream().map(c -> c.shown().get(0)).toList());
        // in br0 by another file: left to it
        HostSnapshot theirs = networkd(SavedLink.of("eth1", LinkOwner.NETWORKD, "/etc/systemd/network/30-eth1.network:1",
                SavedAddresses.none()));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(theirs, Map.of(),
                new LinkIntent.SetLinkMaster("eth1", Optional.empty())));
        assertTrue(refused.getMessage().contains("by /etc/systemd/network/30-eth1.network, not by Virtwire's own"),
                refused.getMessage());
        // the uplink, with its addresses, is not a plain port
        ChangeRefused uplink = assertThrows(ChangeRefused.class, () -> plan(free.withGuests(List.of()), Map.of(),
                new LinkIntent.SetLinkMaster("eth0", Optional.of("br0"))));
        assertTrue(uplink.getMessage().startsWith("eth0 has addresses in /etc/systemd/network/40-eth0.network:1"),
                uplink.getMessage());
    }

    private static final String ETH0 = "/etc/systemd/network/40-eth0.network";
    private static final String THEIRS = "# by the admin\n[Match]\nName=eth0\n\n[Link]\nMTUBytes=1500\n\n[Network]\n"
            + "Address=192.168.1.20/24\nGateway=192.168.1.1\nDNS=192.168.1.1\nVLAN=vlan10\nIPv6AcceptRA=no\n\n"
            + "[Route]\n# to the lab\nDestination=10.9.0.0/16\nGateway=192.168.1.254\n";

    private static ConfigFile file(String path, String text) {
        return new ConfigFile(path, text, "644", "root", "root");
    }

    private static Plan bridged(HostSnapshot s, ConfigFile theirs, Optional<Scope> scope) {
        return plan(s, Map.of(theirs.path(), theirs), new LinkIntent.BridgeUplink("eth0", "brlan", true, 90, scope));
    }

    @Test
    void bridgingTheUplinkMovesItsIpSettingsToTheBridgesFileAndLeavesBridgeInTheirPlaceUnderTheWatchdog() {
        Plan plan = bridged(networkd(), file(ETH0, THEIRS), Optional.empty());
        assertEquals("Bridge the uplink eth0 into brlan through systemd-networkd (confirm within 90 s)", plan.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        NetworkdSwapOp swap = (NetworkdSwapOp) plan.operations().get(1);
        assertEquals(swap.files(), watchdog.files(), "the revert puts back every file the change touches");
        List<ConfigFileChange> files = swap.files();
        String mac = demo.link("eth0").orElseThrow().mac().orElseThrow();
        assertEquals(ConfigFileChange.written(file("/etc/systemd/network/60-virtwire-brlan.netdev",
                "# Made by Virtwire; undo removes it.\n[NetDev]\nName=brlan\nKind=bridge\nMACAddress=" + mac
                        + "\n\n[Bridge]\nSTP=no\nForwardDelaySec=0\n")), files.get(0));
        assertEquals(ConfigFileChange.written(file("/etc/systemd/network/60-virtwire-brlan.network",
                "# Made by Virtwire; undo removes it.\n[Match]\nName=brlan\n\n[Network]\nAddress=192.168.1.20/24\n"
                        + "Gateway=192.168.1.1\nDNS=192.168.1.1\nIPv6AcceptRA=no\n\n[Route]\n# to the lab\n"
                        + "Destination=10.9.0.0/16\nGateway=192.168.1.254\n")), files.get(1));
        assertEquals(ConfigFileChange.rewritten(file(ETH0, THEIRS), file(ETH0, "# by the admin\n[Match]\nName=eth0\n\n"
                + "[Link]\nMTUBytes=1500\n\n[Network]\nBridge=brlan\nVLAN=vlan10\n\n")), files.get(2));
        String run = plan.commands().stream().filter(c -> c.startsWith("sh -c")).findFirst().orElseThrow();
        assertTrue(run.contains("networkctl reload") && run.contains("networkctl reconfigure"), run);
        assertTrue(run.endsWith("virtwire-networkd brlan eth0 yes networkd /etc/systemd/network/"
                + ".60-virtwire-brlan.netdev.virtwire-new /etc/systemd/network/60-virtwire-brlan.netdev "
                + "/etc/systemd/network/.60-virtwire-brlan.network.virtwire-new /etc/systemd/network/60-virtwire-brlan.network "
                + "/etc/systemd/network/.40-eth0.network.virtwire-new " + ETH0), run);
        assertTrue(plan.commands().contains("    -Address=192.168.1.20/24"), plan.commands().toString());
        assertTrue(plan.commands().contains("    +Bridge=brlan"), plan.commands().toString());
        String timer = plan.commands().stream().filter(c -> c.startsWith("setsid -f sh -c")).findFirst().orElseThrow();
        assertTrue(timer.endsWith(" systemd-networkd brlan eth0 '' /etc/systemd/network/60-virtwire-brlan.netdev '' "
                + "/etc/systemd/network/60-virtwire-brlan.network /etc/systemd/network/.40-eth0.network.virtwire-new"
                + "-revert-" + watchdog.id() + " " + ETH0), timer);
        // undo: every file as it was (the bridge's removed), the bridge deleted, eth0 configured anew
        NetworkdSwapOp back = (NetworkdSwapOp) swap.inverse();
        assertEquals(Optional.of(file(ETH0, THEIRS)), back.files().get(2).after(), "undo writes it back byte for byte");
        assertTrue(back.files().get(0).after().isEmpty(), back.files().toString());
        assertTrue(back.preview().stream().anyMatch(c -> c.endsWith("virtwire-networkd brlan eth0 no networkd '' "
                + "/etc/systemd/network/60-virtwire-brlan.netdev '' /etc/systemd/network/60-virtwire-brlan.network "
                + "/etc/systemd/network/.40-eth0.network.virtwire-new " + ETH0)), back.preview().toString());
    }

    @Test
    void theUplinksStepsSurviveTheJournalAndAnIfupdownWatchdogFromBeforeIsRead() throws Exception {
        for (Operation op : bridged(networkd(), file(ETH0, THEIRS), Optional.empty()).operations()) {
            String json = JournalJson.MAPPER.writeValueAsString(op);
            assertEquals(op, JournalJson.MAPPER.readValue(json, Operation.class), json);
        }
        Intent saved = new LinkIntent.SaveBridge("br9");
        assertEquals(saved, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(saved), Intent.class));
        ConfigFile interfaces = file("/etc/network/interfaces", "auto lo\n");
        String old = "{\"op\":\"ifupdown-watchdog\",\"id\":\"w1\",\"seconds\":60,\"original\":"
                + JournalJson.MAPPER.writeValueAsString(interfaces) + ",\"bridge\":\"brlan\",\"nic\":\"eth0\","
                + "\"arm\":false}";
        UplinkWatchdogOp read = (UplinkWatchdogOp) JournalJson.MAPPER.readValue(old, Operation.class);
        assertEquals(LinkOwner.IFUPDOWN, read.manager());
        assertEquals(Optional.of(interfaces), read.files().get(0).before(), "the file the revert puts back");
    }

    @Test
    void savedOnlyTheUplinksBridgingIsItsFilesFromTheNextBoot() {
        Plan plan = bridged(networkd(), file(ETH0, "[Match]\nName=eth0\n[Network]\nDHCP=yes\n"),
                Optional.of(Scope.CONFIG));
        assertTrue(plan.title().endsWith("saved only (from the next boot)"), plan.title());
        assertEquals(3, plan.operations().size());
        assertTrue(plan.operations().stream().allMatch(o -> o instanceof ManagerFileOp), plan.operations().toString());
        assertEquals(Optional.of(file(ETH0, "[Match]\nName=eth0\n[Network]\nBridge=brlan\n")),
                ((ManagerFileOp) plan.operations().get(2)).after());
        assertTrue(((ManagerFileOp) plan.operations().get(1)).after().orElseThrow().text().endsWith(
                "[Network]\nDHCP=yes\n"), "DHCP moves to the bridge");
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("networkctl") || c.startsWith("sh ")),
                plan.commands().toString());
    }

    @Test
    void aFileThatMatchesMoreThanTheUplinkIsLeftAsItIsAndAFileOfVirtwiresOwnComesFirst() {
        String all = "/etc/systemd/network/50-wired.network";
        HostSnapshot s = networkd().withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.NETWORKD,
                true, "test")), List.of(SavedLink.of("eth0", LinkOwner.NETWORKD, all + ":1", SavedAddresses.byDhcp()))));
        NetworkdSwapOp swap = (NetworkdSwapOp) bridged(s, file(all, "[Match]\nName=eth*\n\n[Network]\nDHCP=yes\n"),
                Optional.empty()).operations().get(1);
        assertEquals(ConfigFileChange.written(file("/etc/systemd/network/05-virtwire-eth0.network",
                "# Made by Virtwire; undo removes it.\n[Match]\nName=eth0\n\n[Network]\nBridge=brlan\n")),
                swap.files().get(2));
        // read before Virtwire's own file could be: refused, named
        String first = "/etc/systemd/network/00-wired.network";
        HostSnapshot early = s.withSaved(new SavedConfig(true, s.saved().managers(), List.of(SavedLink.of("eth0",
                LinkOwner.NETWORKD, first + ":1", SavedAddresses.byDhcp()))));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> bridged(early, file(first,
                "[Match]\nName=eth*\n[Network]\nDHCP=yes\n"), Optional.empty()));
        assertTrue(refused.getMessage().startsWith("eth0 is configured by " + first + ", which also matches"),
                refused.getMessage());
    }

    @Test
    void aLineNotUnderstoodRefusesTheFileNamingItsLine() {
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> bridged(networkd(), file(ETH0,
                "[Match]\nName=eth0\n[Network]\nAddress=192.168.1.20/24\nnonsense\n"), Optional.empty()));
        assertTrue(refused.getMessage().startsWith(ETH0 + ":5: neither [Section], Key=Value nor a comment"),
                refused.getMessage());
        ChangeRefused bare = assertThrows(ChangeRefused.class, () -> bridged(networkd(), file(ETH0,
                "[Match]\nName=eth0\n[Network]\nVLAN=vlan10\n"), Optional.empty()));
        assertTrue(bare.getMessage().contains("gives it no address"), bare.getMessage());
    }

    @Test
    void anMtuIsMtuBytesInTheLinksNetworkFileThenSetLiveAndUndoWritesTheFileBack() {
        Plan plan = plan(networkd(), Map.of(ETH0, file(ETH0, THEIRS)), new LinkIntent.SetLinkMtu("eth0", 9000));
        assertEquals("Set the MTU of eth0 to 9000 through systemd-networkd (confirm within 60 s)", plan.title());
        ManagerFileOp edit = (ManagerFileOp) plan.operations().get(1);
        assertEquals(Optional.of(file(ETH0, THEIRS.replace("MTUBytes=1500", "MTUBytes=9000"))), edit.after(),
                "only its MTUBytes= line changes");
        assertEquals(Optional.of(file(ETH0, THEIRS)), ((ManagerFileOp) edit.inverse()).after(), "byte for byte");
        assertEquals(new LinkMtuOp("eth0", 9000, 1500, true), plan.operations().get(2));
        assertTrue(plan.commands().containsAll(List.of("    -MTUBytes=1500", "    +MTUBytes=9000",
                "ip link set dev eth0 mtu 9000")), plan.commands().toString());
        // Virtwire's own bridge file, saved only: a [Link] section added, nothing runs
        String own = "# Made by Virtwire; undo removes it.\n[Match]\nName=br0\n\n[Network]\nLinkLocalAddressing=no\n";
        Plan saved = plan(networkd(SavedLink.of("br0", LinkOwner.NETWORKD, NETWORK.replace("br9", "br0") + ":2",
                SavedAddresses.none())), Map.of(NETWORK.replace("br9", "br0"), file(NETWORK.replace("br9", "br0"), own)),
                new LinkIntent.SetLinkMtu("br0", 1400, Optional.of(Scope.CONFIG)));
        assertEquals(List.of(new ManagerFileOp("systemd-networkd", "br0", Optional.of(file(NETWORK.replace("br9",
                "br0"), own)), Optional.of(file(NETWORK.replace("br9", "br0"), own + "\n[Link]\nMTUBytes=1400\n")))),
                saved.operations());
        assertTrue(saved.commands().stream().noneMatch(c -> c.startsWith("ip ")), saved.commands().toString());
    }

    @Test
    void theUplinksMtuRunsUnderTheWatchdogThatPutsItsFileBackReloadsNetworkdAndSetsTheMtuBack() throws Exception {
        Plan plan = plan(networkd(), Map.of(ETH0, file(ETH0, THEIRS)), new LinkIntent.SetLinkMtu("eth0", 1400,
                Optional.empty(), java.util.OptionalInt.of(10)));
        assertEquals("Set the MTU of eth0 to 1400 through systemd-networkd (confirm within 10 s)", plan.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        ManagerFileOp edit = (ManagerFileOp) plan.operations().get(1);
        assertEquals(List.of(new ConfigFileChange(edit.before(), edit.after())), watchdog.files());
        assertEquals(Optional.empty(), watchdog.bridge(), "no bridge to delete");
        assertEquals(List.of("link set dev eth0 mtu 1500"), watchdog.batch());
        String id = watchdog.id();
        List<String> commands = plan.commands();
        int kept = commands.indexOf("tee /etc/systemd/network/.40-eth0.network.virtwire-new-revert-" + id);
        int batch = commands.indexOf("tee /run/virtwire/revert-" + id + ".batch");
        int timer = commands.indexOf(commands.stream().filter(c -> c.startsWith("setsid -f sh -c")).findFirst()
                .orElseThrow());
        int write = commands.indexOf("tee /etc/systemd/network/.40-eth0.network.virtwire-new");
        assertTrue(kept >= 0 && kept < batch && batch < timer && timer < write
                && write < commands.indexOf("ip link set dev eth0 mtu 1400"), commands.toString());
        assertTrue(commands.get(timer).endsWith(" 10 /run/virtwire/revert-" + id + ".batch systemd-networkd '' eth0 "
                + "/etc/systemd/network/.40-eth0.network.virtwire-new-revert-" + id + " " + ETH0), commands.get(timer));
        assertTrue(commands.containsAll(List.of("    -MTUBytes=1500", "    +MTUBytes=1400")), commands.toString());
        assertTrue(watchdog.describe().contains("puts " + ETH0 + " back as they were, has systemd-networkd read them "
                + "again and takes back what changed on eth0 (ip -batch: link set dev eth0 mtu 1500)"),
                watchdog.describe());
        assertEquals(new UplinkWatchdogOp(id, 10, LinkOwner.NETWORKD, watchdog.files(), Optional.empty(), "eth0",
                watchdog.batch(), false), watchdog.inverse(), "undoing the plan stops the timer");
        ChangeRefused tooShort = assertThrows(ChangeRefused.class, () -> plan(networkd(), Map.of(ETH0, file(ETH0,
                THEIRS)), new LinkIntent.SetLinkMtu("eth0", 1400, Optional.empty(), java.util.OptionalInt.of(5))));
        assertTrue(tooShort.getMessage().startsWith("5 s is not a usable confirmation time"), tooShort.getMessage());
        for (Operation op : plan.operations()) {
            String json = JournalJson.MAPPER.writeValueAsString(op);
            assertEquals(op, JournalJson.MAPPER.readValue(json, Operation.class), json);
        }
        String intent = JournalJson.MAPPER.writeValueAsString(plan.intent());
        assertEquals(plan.intent(), JournalJson.MAPPER.readValue(intent, Intent.class), intent);
        assertEquals(new LinkIntent.SetLinkMtu("eth0", 1400), JournalJson.MAPPER.readValue("{\"intent\":"
                + "\"set-link-mtu\",\"link\":\"eth0\",\"mtu\":1400}", Intent.class), "an entry from before the option");
        // saved only, nothing runs: no timer
        Plan saved = plan(networkd(), Map.of(ETH0, file(ETH0, THEIRS)), new LinkIntent.SetLinkMtu("eth0", 1400,
                Optional.of(Scope.CONFIG)));
        assertTrue(saved.operations().stream().noneMatch(o -> o instanceof UplinkWatchdogOp), saved.toString());
    }

    @Test
    void anMtuForAFileOutsideEtcIsACopyThereAndOneForAFileOfSeveralLinksIsRefused() {
        String lib = "/usr/lib/systemd/network/40-eth0.network";
        HostSnapshot s = networkd().withSaved(new SavedConfig(true, networkd().saved().managers(), List.of(
                SavedLink.of("eth0", LinkOwner.NETWORKD, lib + ":1", SavedAddresses.byDhcp()))));
        String text = "[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n";
        ManagerFileOp copy = (ManagerFileOp) plan(s, Map.of(lib, file(lib, text)), new LinkIntent.SetLinkMtu("eth0",
                9000)).operations().get(1);
        assertEquals(new ManagerFileOp("systemd-networkd", "eth0", Optional.empty(), Optional.of(file(ETH0, text
                + "\n[Link]\nMTUBytes=9000\n"))), copy, "the copy in /etc hides it; undo removes the copy");
        ChangeRefused taken = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(lib, file(lib, text),
                ETH0, file(ETH0, text)), new LinkIntent.SetLinkMtu("eth0", 9000)));
        assertTrue(taken.getMessage().startsWith(ETH0 + " exists already"), taken.getMessage());
        ChangeRefused several = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(lib, file(lib,
                text.replace("Name=eth0", "Name=eth*"))), new LinkIntent.SetLinkMtu("eth0", 9000)));
        assertTrue(several.getMessage().startsWith("eth0 is configured by " + lib + ", which matches other links too"),
                several.getMessage());
    }
}
