package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.IfupdownSwapOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bridges on a host whose network ifupdown configures: a marked stanza of Virtwire's own at the end of
 * /etc/network/interfaces (or a file of its own where that file sources interfaces.d), every other line kept, then
 * {@code ifup}; deleting takes down and removes only Virtwire's own; a file with a line it cannot place is refused,
 * naming file and line; ports and the uplink are refused, named.
 */
class IfupdownPlannerTest {
    private static final String MAIN = "/etc/network/interfaces";
    private static final String THEIRS = "# by the admin\nauto lo\niface lo inet loopback\n\nauto eth0\n"
            + "iface eth0 inet static\n    address 192.168.1.20/24\n\tgateway 192.168.1.1 # keep this tab\n";
    private static final String BLOCK = "# virtwire: begin br9\n# Made by Virtwire; undo removes it.\nauto br9\n"
            + "iface br9 inet manual\n    bridge_ports none\n    bridge_stp on\n    bridge_fd 4\n# virtwire: end br9\n";
    private final HostSnapshot demo = SimulatedHost.demo().snapshot().withGuests(List.of()).withNetworks(List.of());

    private HostSnapshot ifupdown(SavedLink... more) {
        List<SavedLink> links = new ArrayList<>(List.of(SavedLink.of("eth0", LinkOwner.IFUPDOWN, MAIN + ":6",
                SavedAddresses.of(List.of("192.168.1.20/24"))).withActive(true)));
        links.addAll(List.of(more));
        return demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(LinkOwner.IFUPDOWN, false, MAIN)), links));
    }

    private static ConfigFile main(String text) {
        return new ConfigFile(MAIN, text, "640", "root", "netdev");
    }

    private static Plan plan(HostSnapshot s, Map<String, ConfigFile> files, Intent intent) {
        return new Planner(s, new SavedFilesHost(s, files), SuggestedCommands.local()).plan(intent);
    }

    @Test
    void aNewBridgeIsAMarkedStanzaAtTheEndOfTheFileThenIfup() {
        Plan plan = plan(ifupdown(), Map.of(MAIN, main(THEIRS)), new LinkIntent.CreateBridge("br9", true, 4));
        assertEquals("Create bridge br9 with STP through ifupdown", plan.title());
        List<Operation> ops = plan.operations();
        assertEquals(2, ops.size(), ops.toString());
        ManagerFileOp file = (ManagerFileOp) ops.get(0);
        assertEquals(Optional.of(main(THEIRS)), file.before());
        assertEquals(main(THEIRS + "\n" + BLOCK), file.after().orElseThrow(), "every line of theirs kept, mode too");
        assertEquals(new ManagerLinkOp("br9", true, LinkOwner.IFUPDOWN), ops.get(1));
        assertTrue(plan.commands().contains("ifup br9"), plan.commands().toString());
        assertTrue(plan.commands().contains("    +iface br9 inet manual"), plan.commands().toString());
        // undo: ifdown, then the file as it was, byte for byte
        assertEquals(List.of("ifdown br9"), ops.get(1).inverse().preview());
        assertEquals(Optional.of(main(THEIRS)), ((ManagerFileOp) ops.get(0).inverse()).after());
    }

    @Test
    void whereTheFileSourcesInterfacesDTheStanzaIsAFileOfItsOwn() {
        String sourcing = THEIRS + "\nsource /etc/network/interfaces.d/*\n";
        Plan plan = plan(ifupdown(), Map.of(MAIN, main(sourcing)), new LinkIntent.CreateBridge("br9", true, 4));
        ManagerFileOp file = (ManagerFileOp) plan.operations().get(0);
        assertEquals(Optional.empty(), file.before());
        assertEquals(new ConfigFile("/etc/network/interfaces.d/virtwire-br9", BLOCK, "644", "root", "root"),
                file.after().orElseThrow());
    }

    @Test
    void savedOnlyWritesTheFileAndRunsNothing() {
        Plan plan = plan(ifupdown(), Map.of(MAIN, main(THEIRS)), new LinkIntent.CreateBridge("br9", false, 0,
                Optional.of(Scope.CONFIG)));
        assertTrue(plan.title().endsWith("saved only (from the next boot)"), plan.title());
        assertEquals(1, plan.operations().size());
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("ifup")), plan.commands().toString());
    }

    @Test
    void aLineItCannotPlaceRefusesTheFileNamingFileAndLine() {
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(ifupdown(), Map.of(MAIN,
                main("auto lo\n  address 10.0.0.1/24\niface lo inet loopback\n")), new LinkIntent.CreateBridge("br9", false,
                0)));
        assertTrue(refused.getMessage().startsWith(MAIN + ":2: '  address 10.0.0.1/24'".replace("'  ", "'")),
                refused.getMessage());
    }

    @Test
    void deletingTakesDownAndRemovesVirtwiresStanzaLeavingTheFileAsBeforeItByteForByte() {
        HostSnapshot s = ifupdown(SavedLink.of("br0", LinkOwner.IFUPDOWN, MAIN + ":13", SavedAddresses.none()));
        String made = THEIRS + "\n" + BLOCK.replace("br9", "br0") + "# a line after it, by hand\n";
        Plan plan = plan(s, Map.of(MAIN, main(made)), new LinkIntent.DeleteBridge("br0"));
        List<Operation> ops = plan.operations();
        assertEquals(new ManagerLinkOp("br0", false, LinkOwner.IFUPDOWN), ops.get(0));
        assertEquals(main(THEIRS + "# a line after it, by hand\n"), ((ManagerFileOp) ops.get(1)).after().orElseThrow());
        assertEquals(Optional.of(main(made)), ((ManagerFileOp) ops.get(1).inverse()).after(), "undo writes it back");
    }

    @Test
    void aBridgeAnotherStanzaMakesIsLeftToItsAuthor() {
        HostSnapshot s = ifupdown(SavedLink.of("br0", LinkOwner.IFUPDOWN, MAIN + ":9", SavedAddresses.none()));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(MAIN, main(THEIRS
                + "auto br0\niface br0 inet manual\n  bridge_ports none\n")), new LinkIntent.DeleteBridge("br0")));
        assertTrue(refused.getMessage().contains(MAIN + ":9"), refused.getMessage());
    }

    @Test
    void bridgingTheUplinkMovesItsStanzaToTheBridgeInOneCommandUnderTheWatchdog() {
        String file = THEIRS + "    up ip route add 10.9.0.0/16 via 192.168.1.254 dev eth0\n    dns-nameservers 192.168.1.1\n"
                + "\niface eth0 inet6 auto\n\niface eth1 inet manual\n";
        Plan plan = plan(ifupdown(), Map.of(MAIN, main(file)), new LinkIntent.BridgeUplink("eth0", "brlan", false, 90));
        assertTrue(plan.title().endsWith(" through ifupdown (confirm within 90 s)"), plan.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        assertEquals(Optional.of(main(file)), watchdog.files().get(0).before(), "the revert puts the file back as it was");
        IfupdownSwapOp swap = (IfupdownSwapOp) plan.operations().get(1);
        assertEquals(main("# by the admin\nauto lo\niface lo inet loopback\n\nauto brlan\n"
                + "# virtwire: eth0 bridged into brlan (undo puts this file back as it was)\niface eth0 inet manual\n\n"
                + "iface brlan inet static\n    bridge_ports eth0\n    bridge_stp off\n    bridge_fd 0\n"
                + "    address 192.168.1.20/24\n\tgateway 192.168.1.1 # keep this tab\n"
                + "    up ip route add 10.9.0.0/16 via 192.168.1.254 dev brlan\n    dns-nameservers 192.168.1.1\n"
                + "\niface brlan inet6 auto\n\niface eth1 inet manual\n"), swap.after());
        String run = plan.commands().stream().filter(c -> c.startsWith("sh -c")).findFirst().orElseThrow();
        assertTrue(run.endsWith("virtwire-ifupdown eth0 /etc/network/.interfaces.virtwire-new " + MAIN + " brlan announce"), run);
        assertTrue(plan.commands().stream().anyMatch(c -> c.startsWith("setsid -f sh -c")), plan.commands().toString());
        // undo: the bridge down, the file as it was, eth0 up
        IfupdownSwapOp back = (IfupdownSwapOp) swap.inverse();
        assertEquals(main(file), back.after());
        assertTrue(back.preview().stream().anyMatch(c -> c.endsWith("virtwire-ifupdown brlan "
                + "/etc/network/.interfaces.virtwire-new " + MAIN + " eth0 announce")), back.preview().toString());
    }

    @Test
    void aPortChangesOnlyTheBridgesPortsLineThenTheKernel() {
        HostSnapshot s = ifupdown(SavedLink.of("br0", LinkOwner.IFUPDOWN, MAIN + ":11", SavedAddresses.none()),
                SavedLink.of("eth1", LinkOwner.IFUPDOWN, MAIN + ":9", SavedAddresses.none()));
        String file = THEIRS + "\niface eth1 inet manual\n\nauto br0\niface br0 inet manual\n\tbridge-ports eth1\n"
                + "    bridge_stp off\n";
        Plan removed = plan(s, Map.of(MAIN, main(file)), new LinkIntent.SetLinkMaster("eth1", Optional.empty()));
        assertTrue(removed.title().endsWith(" through ifupdown"), removed.title());
        assertEquals(main(file.replace("\tbridge-ports eth1", "\tbridge-ports none")),
                ((ManagerFileOp) removed.operations().get(0)).after().orElseThrow());
        assertTrue(removed.commands().contains("ip link set dev eth1 nomaster"), removed.commands().toString());
        ChangeRefused uplink = assertThrows(ChangeRefused.class, () -> plan(s, Map.of(MAIN, main(file)),
                new LinkIntent.SetLinkMaster("eth0", Optional.of("br0"))));
        assertTrue(uplink.getMessage().startsWith("eth0 has addresses in its own stanza (" + MAIN + ":6)"),
                uplink.getMessage());
    }

    @Test
    void anMtuIsAnOptionLineInTheLinksIpv4StanzaThenSetLiveAndUndoWritesTheFileBack() {
        String file = THEIRS + "\niface eth0 inet6 auto\n";
        Plan plan = plan(ifupdown(), Map.of(MAIN, main(file)), new LinkIntent.SetLinkMtu("eth0", 9000));
        assertEquals("Set the MTU of eth0 to 9000 through ifupdown (confirm within 60 s)", plan.title());
        ManagerFileOp edit = (ManagerFileOp) plan.operations().get(1);
        assertEquals(main(file.replace("inet static\n", "inet static\n    mtu 9000\n")), edit.after().orElseThrow(),
                "one line added, as the stanza indents its options");
        assertEquals(Optional.of(main(file)), ((ManagerFileOp) edit.inverse()).after(), "undo: byte for byte");
        assertEquals(new LinkMtuOp("eth0", 9000, 1500, true), plan.operations().get(2));
        assertTrue(plan.commands().containsAll(List.of("    +    mtu 9000", "ip link set dev eth0 mtu 9000")),
                plan.commands().toString());
        // the uplink's MTU under the watchdog: unconfirmed, the file back as it was (ifupdown reads it only on
        // ifup: nothing to reload) and the MTU set back
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        assertEquals(List.of(new ConfigFileChange(edit.before(), edit.after())), watchdog.files());
        assertEquals(List.of("link set dev eth0 mtu 1500"), watchdog.batch());
        String timer = plan.commands().stream().filter(c -> c.startsWith("setsid -f sh -c")).findFirst().orElseThrow();
        assertTrue(timer.endsWith(" 60 /run/virtwire/revert-" + watchdog.id() + ".batch ifupdown '' eth0 "
                + "/etc/network/.interfaces.virtwire-new-revert-" + watchdog.id() + " " + MAIN), timer);
        assertTrue(watchdog.describe().contains("puts " + MAIN + " back as they were and takes back what changed "
                + "on eth0"), watchdog.describe());
        // an mtu line there already is changed where it is, with its indentation; saved only: nothing runs
        String tabbed = THEIRS + "\tmtu 1500\n";
        Plan saved = plan(ifupdown(), Map.of(MAIN, main(tabbed)), new LinkIntent.SetLinkMtu("eth0", 9000,
                Optional.of(Scope.CONFIG)));
        assertEquals(List.of(new ManagerFileOp("ifupdown", "eth0", Optional.of(main(tabbed)),
                Optional.of(main(THEIRS + "\tmtu 9000\n")))), saved.operations());
        // a port that only a bridge's bridge_ports line names has no stanza to hold it
        HostSnapshot port = ifupdown(SavedLink.of("eth1", LinkOwner.IFUPDOWN, MAIN + ":10", SavedAddresses.none()));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(port, Map.of(MAIN, main(THEIRS
                + "\nauto br0\niface br0 inet manual\n    bridge_ports eth1\n")), new LinkIntent.SetLinkMtu("eth1", 9000)));
        assertTrue(refused.getMessage().startsWith("eth1 has no iface stanza of its own in " + MAIN), refused.getMessage());
    }
}
