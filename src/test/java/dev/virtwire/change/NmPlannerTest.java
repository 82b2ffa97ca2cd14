package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.NmMtuOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.Scope;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Link changes on a host whose uplink NetworkManager owns: they go through its profiles (keyfiles edited line by
 * line, the original kept byte for byte for undo), a live change behind its back is refused, a manager Virtwire
 * cannot drive is named, and a host without one gets a live change marked "gone after reboot".
 */
class NmPlannerTest {
    private static final String UPLINK_FILE = "/etc/NetworkManager/system-connections/uplink.nmconnection";
    /** Odd spacing and a comment: lines Virtwire does not change stay as they are. */
    private static final String UPLINK = "# made by the installer\n[connection]\nid=uplink\n"
            + "uuid=0b3c1d6e-1111-4a4a-9999-123456789abc\ntype=ethernet\ninterface-name=eth0\n\n[ethernet]\n"
            + "mtu=1500\n\n[ipv4]\nmethod=manual\naddress1=192.168.1.20/24,192.168.1.1\ndns=192.168.1.1;\n"
            + "route1=10.9.0.0/16,192.168.1.254\n\n[ipv6]\nmethod=disabled\n\n[proxy]\n";

    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    private HostSnapshot owned(LinkOwner manager, String source) {
        return demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(manager, true, "test")), List.of(
                SavedLink.of("eth0", manager, source, SavedAddresses.of(List.of("192.168.1.20/24"))).withActive(true))));
    }

    private static Plan plan(HostSnapshot s, Map<String, ConfigFile> keyfiles, Intent intent) {
        return new Planner(s, new Keyfiles(s, keyfiles), dev.virtwire.host.SuggestedCommands.local()).plan(intent);
    }

    private Plan bridgeUplink(String uplinkText) {
        return plan(owned(LinkOwner.NETWORK_MANAGER, "uplink"), Map.of("uplink",
                ConfigFile.privateToRoot(UPLINK_FILE, uplinkText)), new LinkIntent.BridgeUplink("eth0", "brlan", true, 60));
    }

    @Test
    void bridgingTheUplinkMakesABridgeProfileWithItsIpSettingsAndItsProfileAPortUnderACheckpoint() {
        Plan plan = bridgeUplink(UPLINK);
        List<Operation> ops = plan.operations();
        assertInstanceOf(CheckpointOp.class, ops.get(0), "the checkpoint is created first");
        assertTrue(plan.needsConfirmation());
        NmProfileOp bridge = (NmProfileOp) ops.get(1);
        NmProfileOp uplink = (NmProfileOp) ops.get(2);
        String bridgeText = bridge.after().orElseThrow().text();
        assertTrue(bridgeText.contains("type=bridge\ninterface-name=brlan\n"), bridgeText);
        assertTrue(bridgeText.contains("[ipv4]\nmethod=manual\naddress1=192.168.1.20/24,192.168.1.1\ndns=192.168.1.1;\n"
                + "route1=10.9.0.0/16,192.168.1.254\n\n[ipv6]\nmethod=disabled\n"), "IPv4 taken over as it was: " + bridgeText);
        assertTrue(bridgeText.contains("mac-address=3C:EC:EF:4A:10:20"), "--move-mac: " + bridgeText);
        assertEquals("600", bridge.after().get().mode());
        assertEquals("# made by the installer\n[connection]\nid=uplink\nuuid=0b3c1d6e-1111-4a4a-9999-123456789abc\n"
                + "type=ethernet\ninterface-name=eth0\nmaster=brlan\nslave-type=bridge\n\n[ethernet]\nmtu=1500\n\n"
                + "[proxy]\n", uplink.after().orElseThrow().text(), "only the port's lines change");
        assertEquals(Optional.of("brlan"), uplink.master());
        assertEquals(UPLINK, ((NmProfileOp) uplink.inverse()).after().orElseThrow().text(),
                "undo writes the original back byte for byte");
        String preview = String.join("\n", plan.commands());
        assertTrue(preview.contains("busctl call org.freedesktop.NetworkManager /org/freedesktop/NetworkManager "
                + "org.freedesktop.NetworkManager CheckpointCreate aouu 0 60 6"), preview);
        assertTrue(preview.contains("nmcli connection load " + UPLINK_FILE), preview);
        assertTrue(preview.contains("nmcli connection up uuid 0b3c1d6e-1111-4a4a-9999-123456789abc"), preview);
        assertTrue(preview.contains("    --- " + UPLINK_FILE + "\n    +++ " + UPLINK_FILE), preview);
        assertTrue(preview.contains("    -[ipv4]\n    -method=manual"), "the diff shows what goes: " + preview);
        assertTrue(preview.contains("    +master=brlan"), preview);
        assertFalse(preview.contains("ip link add"), "nothing behind NetworkManager's back: " + preview);
    }

    @Test
    void theOperationsSurviveTheJournal() throws Exception {
        for (Operation op : bridgeUplink(UPLINK).operations()) {
            String json = JournalJson.MAPPER.writeValueAsString(op);
            assertEquals(op, JournalJson.MAPPER.readValue(json, Operation.class), json);
        }
        Intent intent = new LinkIntent.CreateBridge("br9", false, 0, Optional.of(Scope.LIVE));
        assertEquals(intent, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(intent), Intent.class));
        assertEquals(new LinkIntent.DeleteBridge("br9"), JournalJson.MAPPER.readValue(
                "{\"intent\":\"delete-bridge\",\"name\":\"br9\"}", Intent.class), "a journal from before scopes");
    }

    @Test
    void aKeyfileLineVirtwireCannotReadIsNeverRewritten() {
        ChangeRefused refused = assertThrows(ChangeRefused.class,
                () -> bridgeUplink(UPLINK.replace("[proxy]\n", "[proxy]\nthis is not a key\n")));
        assertTrue(refused.getMessage().startsWith(UPLINK_FILE + ":21: 'this is not a key'"), refused.getMessage());
    }

    @Test
    void aLiveChangeBehindTheOwnersBackIsRefused() {
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> plan(owned(LinkOwner.NETWORK_MANAGER,
                "uplink"), Map.of(), new LinkIntent.BridgeUplink("eth0", "brlan", true, 60, Optional.of(Scope.LIVE))));
        assertTrue(refused.getMessage().contains("eth0 is owned by NetworkManager (uplink)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--scope both"), refused.getMessage());
    }

    @Test
    void savedOnlyWritesTheFileForTheNextBootAndLoadsNothing() {
        Plan plan = plan(owned(LinkOwner.NETWORK_MANAGER, "uplink"), Map.of(),
                new LinkIntent.CreateBridge("br9", false, 0, Optional.of(Scope.CONFIG)));
        assertTrue(plan.title().endsWith("saved only (from the next boot)"), plan.title());
        String preview = String.join("\n", plan.commands());
        assertTrue(preview.contains("mv -f /etc/NetworkManager/system-connections/.br9.nmconnection.virtwire-new "
                + "/etc/NetworkManager/system-connections/br9.nmconnection"), preview);
        assertFalse(preview.contains("nmcli"), preview);
        assertFalse(preview.contains("ip link"), preview);
    }

    @Test
    void aNewBridgeOnANetworkManagerHostIsItsProfileAndUndoDeletesIt() {
        Plan plan = plan(owned(LinkOwner.NETWORK_MANAGER, "uplink"), Map.of(), new LinkIntent.CreateBridge("br9", true, 4));
        NmProfileOp op = (NmProfileOp) plan.operations().get(0);
        assertTrue(op.after().orElseThrow().text().contains("[bridge]\nstp=true\nforward-delay=4\n"), op.toString());
        assertEquals(List.of("nmcli connection delete uuid " + op.uuid()), op.inverse().preview().subList(0, 1));
    }

    @Test
    void aLinkNetplanOwnsIsChangedThroughNetplanAndWhatItCannotDoThereIsNamed() {
        HostSnapshot netplan = owned(LinkOwner.NETPLAN, "/etc/netplan/01-lan.yaml:5");
        ChangeRefused refused = assertThrows(ChangeRefused.class,
                () -> plan(netplan, Map.of(), new LinkIntent.BridgeUplink("eth0", "brlan", true, 60)));
        assertTrue(refused.getMessage().startsWith("eth0 is defined in no netplan file"), refused.getMessage());
        ChangeRefused live = assertThrows(ChangeRefused.class, () -> plan(netplan, Map.of(),
                new LinkIntent.BridgeUplink("eth0", "brlan", true, 60, Optional.of(Scope.LIVE))));
        assertTrue(live.getMessage().contains("eth0 is owned by netplan (/etc/netplan/01-lan.yaml:5)"),
                live.getMessage());
        Plan bridge = plan(netplan, Map.of(), new LinkIntent.CreateBridge("br9", false, 0));
        assertTrue(bridge.title().endsWith("through netplan"), bridge.title());
        assertTrue(bridge.commands().contains("netplan generate"), bridge.commands().toString());
    }

    @Test
    void withoutTheSavedConfigurationReadNothingChanges() {
        HostSnapshot unread = demo.withSaved(SavedConfig.unknown());
        Plan plan = plan(unread, Map.of(), new LinkIntent.CreateBridge("br9", false, 0));
        assertEquals("Create bridge br9", plan.title());
        assertThrows(ChangeRefused.class, () -> plan(unread, Map.of(),
                new LinkIntent.CreateBridge("br9", false, 0, Optional.of(Scope.CONFIG))));
    }

    private Plan mtu(String uplinkText, Optional<Scope> scope) {
        return plan(owned(LinkOwner.NETWORK_MANAGER, "uplink"), Map.of(
                "uplink", ConfigFile.privateToRoot(UPLINK_FILE, uplinkText)), new LinkIntent.SetLinkMtu("eth0", 9000,
                scope));
    }

    @Test
    void anMtuIsSavedInTheActiveProfileLoadedAndReappliedWithoutBringingItUpAgainAndUndoReappliesTheOldOne()
            throws Exception {
        Plan plan = mtu(UPLINK, Optional.empty());
        assertEquals("Set the MTU of eth0 to 9000 through NetworkManager (confirm within "
                + RevertTimer.DEFAULT_SECONDS + " s)", plan.title(), "the uplink's MTU: under a checkpoint");
        assertInstanceOf(CheckpointOp.class, plan.operations().get(0));
        assertEquals(2, plan.operations().size(), plan.operations().toString());
        NmMtuOp step = (NmMtuOp) plan.operations().get(1);
        assertEquals(UPLINK.replace("mtu=1500", "mtu=9000"), step.profile().after().orElseThrow().text(),
                "only the mtu line changes");
        assertEquals(new LinkMtuOp("eth0", 9000, 1500, true), step.kernel());
        List<String> preview = plan.commands();
        int load = preview.indexOf("nmcli connection load " + UPLINK_FILE);
        int reapply = preview.indexOf("nmcli device reapply eth0");
        assertTrue(load >= 0 && reapply > load && preview.indexOf("ip link set dev eth0 mtu 9000") > reapply,
                "loaded, re-applied, then set: " + preview);
        assertTrue(preview.containsAll(List.of("    -mtu=1500", "    +mtu=9000")), preview.toString());
        assertTrue(preview.stream().noneMatch(c -> c.startsWith("nmcli connection up")), "no re-activation: " + preview);
        // undo: the file back byte for byte, loaded and re-applied in the same step, then the old MTU
        NmMtuOp undo = (NmMtuOp) step.inverse();
        assertEquals(UPLINK, undo.profile().after().orElseThrow().text(), "undo: byte for byte");
        assertEquals(List.of("nmcli connection load " + UPLINK_FILE, "nmcli device reapply eth0",
                "ip link set dev eth0 mtu 1500"), undo.preview().stream().filter(c -> c.startsWith("nmcli")
                || c.startsWith("ip ")).toList());
        assertEquals(step, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(step), Operation.class),
                "the journal keeps the step");
        Plan shorter = plan(owned(LinkOwner.NETWORK_MANAGER, "uplink"), Map.of("uplink", ConfigFile.privateToRoot(
                UPLINK_FILE, UPLINK)), new LinkIntent.SetLinkMtu("eth0", 9000, Optional.empty(),
                java.util.OptionalInt.of(20)));
        assertEquals(20, ((CheckpointOp) shorter.operations().get(0)).seconds(), "--confirm-within: the checkpoint's");
    }

    @Test
    void anMtuInAProfileNotAppliedNowIsLoadedThenSetLiveAndSavedOnlyIsTheFileAlone() {
        HostSnapshot inactive = demo.withSaved(new SavedConfig(true, List.of(new ManagerFound(
                LinkOwner.NETWORK_MANAGER, true, "test")), List.of(SavedLink.of("eth0", LinkOwner.NETWORK_MANAGER,
                "uplink", SavedAddresses.of(List.of("192.168.1.20/24"))))));
        Plan plan = plan(inactive, Map.of("uplink", ConfigFile.privateToRoot(UPLINK_FILE, UPLINK)),
                new LinkIntent.SetLinkMtu("eth0", 9000));
        assertInstanceOf(NmProfileOp.class, plan.operations().get(1));
        assertEquals(new LinkMtuOp("eth0", 9000, 1500, true), plan.operations().get(2));
        assertTrue(plan.commands().stream().noneMatch(c -> c.startsWith("nmcli device reapply")),
                "a profile NetworkManager does not apply now is not re-applied: " + plan.commands());
        // a profile without an [ethernet] section gets one; saved only: the file, nothing loaded or set
        Plan saved = mtu(UPLINK.replace("[ethernet]\nmtu=1500\n\n", ""), Optional.of(Scope.CONFIG));
        assertTrue(saved.title().endsWith("saved only (from the next boot)"), saved.title());
        assertEquals(1, saved.operations().size(), saved.operations().toString());
        assertTrue(((NmProfileOp) saved.operations().get(0)).after().orElseThrow().text()
                .endsWith("[proxy]\n\n[ethernet]\nmtu=9000\n"), saved.operations().toString());
        assertTrue(saved.commands().stream().noneMatch(c -> c.startsWith("nmcli") || c.startsWith("ip ")),
                saved.commands().toString());
    }

    @Test
    void anMtuVirtwireCannotSaveInAProfileIsRefusedAndAScopeSurvivesTheJournal() throws Exception {
        ChangeRefused wifi = assertThrows(ChangeRefused.class, () -> mtu(UPLINK.replace("type=ethernet", "type=wifi"),
                Optional.empty()));
        assertTrue(wifi.getMessage().startsWith("eth0's profile uplink is of type 'wifi'"), wifi.getMessage());
        ChangeRefused same = assertThrows(ChangeRefused.class, () -> plan(owned(LinkOwner.NETWORK_MANAGER, "uplink")
                .withSaved(new SavedConfig(true, List.of(), List.of(SavedLink.of("eth0", LinkOwner.NETWORK_MANAGER,
                        "uplink", SavedAddresses.none()).withMtu(java.util.OptionalInt.of(1500))))),
                Map.of(), new LinkIntent.SetLinkMtu("eth0", 1500)));
        assertTrue(same.getMessage().endsWith("MTU is 1500 already, and saved so in uplink"), same.getMessage());
        Intent intent = new LinkIntent.SetLinkMtu("br0", 9000, Optional.of(Scope.CONFIG));
        assertEquals(intent, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(intent), Intent.class));
        assertEquals(new LinkIntent.SetLinkMtu("br0", 9000), JournalJson.MAPPER.readValue(
                "{\"intent\":\"set-link-mtu\",\"link\":\"br0\",\"mtu\":9000}", Intent.class),
                "a journal from before scopes");
    }

    /** A host read that answers keyfiles by profile name. */
    private record Keyfiles(HostSnapshot snapshot, Map<String, ConfigFile> files) implements HostReader {
        @Override
        public boolean changesSavedConfig() {
            return true;
        }

        @Override
        public Optional<ConfigFile> networkManagerKeyfile(String profile) {
            return Optional.ofNullable(files.get(profile));
        }

        @Override
        public AutoCloseable watch(Consumer<HostChange> listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }
}
