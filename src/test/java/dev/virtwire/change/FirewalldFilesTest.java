package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.FirewalldAcceptOp;
import dev.virtwire.change.op.FirewalldFilesOp;
import dev.virtwire.change.op.FirewalldForwardPortOp;
import dev.virtwire.change.op.FirewalldZoneOp;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.FirewalldZones;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * firewall-cmd --permanent writes /etc/firewalld's files and never takes them away: a firewalld change keeps them
 * first, and undo, after its firewall-cmd steps, puts them back byte for byte (a file there was none of removed,
 * firewalld's .old copies too), unless firewalld's permanent settings were changed since: then they are left.
 */
class FirewalldFilesTest {
    private static final String ZONE = "/etc/firewalld/zones/public.xml";
    private static final String DIRECT = "/etc/firewalld/direct.xml";
    private static final ConfigFile DIRECT_BEFORE = new ConfigFile(DIRECT, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "\n<direct>\n  <!-- the user's -->\n</direct>\n", "640", "root", "adm");
    private static final FirewallIntent.AddPortForward WEB = new FirewallIntent.AddPortForward("tcp", 8080,
            "192.168.122.10", 80);

    @TempDir
    Path state;

    @Test
    void theForwardKeepsTheFilesFirstAndUndoPutsThemBackByteForByte() throws Exception {
        FilesHost host = new FilesHost(FirewalldForwardTest.firewalldHost(List.of()));
        host.files.put(DIRECT, DIRECT_BEFORE);
        Map<String, ConfigFile> before = new TreeMap<>(host.files);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(WEB);
            assertEquals(List.of(FirewalldFilesOp.class, FirewalldForwardPortOp.class, FirewalldAcceptOp.class),
                    plan.operations().stream().map(Object::getClass).toList());
            FirewalldFilesOp kept = (FirewalldFilesOp) plan.operations().get(0);
            assertEquals(List.of(ZONE, ZONE + ".old", DIRECT, DIRECT + ".old"),
                    kept.kept().stream().map(FirewalldFilesOp.Kept::path).toList());
            assertTrue(plan.commands().containsAll(List.of("env LC_ALL=C cat -- " + ZONE,
                    "    none now: undo removes what firewall-cmd --permanent makes", "env LC_ALL=C cat -- " + DIRECT,
                    "    4 lines, mode 640, root:adm: undo writes them back byte for byte")), plan.commands()::toString);
            assertEquals(kept, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(kept),
                    dev.virtwire.change.op.Operation.class), "kept in the journal as found");
            changes.apply(plan);
            host.firewallCmdRewrites();

            assertTrue(changes.undoPlan().commands().containsAll(List.of("rm -f -- " + ZONE, "rm -f -- " + ZONE + ".old",
                    "mv -f /etc/firewalld/.direct.xml.virtwire-new " + DIRECT, "rm -f -- " + DIRECT + ".old")),
                    changes.undoPlan().commands()::toString);
            changes.undo();
            assertEquals(before, host.files, "the zone's file and the .old copies gone, direct.xml as it was");
        }
    }

    @Test
    void settingsChangedSinceLeaveTheFilesAsFirewallCmdWroteThem() {
        FilesHost host = new FilesHost(FirewalldForwardTest.firewalldHost(List.of()));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            changes.apply(changes.plan(WEB));
            host.firewallCmdRewrites();
            host.userEdit = "  services: ssh http\n"; // firewall-cmd --permanent --add-service=http meanwhile
            Map<String, ConfigFile> edited = new TreeMap<>(host.files);
            HistoryEntry undone = changes.undo();
            assertEquals(edited, host.files, "the user's change stays in the files firewall-cmd wrote");
            assertEquals(List.of(), FirewalldForwardPorts.in(host.snapshot().firewall()), "the forward is undone");
            // the undo's result says so, not only its preview and the log: the CLI, history --json and the window
            String note = undone.note().orElseThrow();
            assertTrue(note.startsWith("firewalld's files left as firewall-cmd wrote them") && note.contains(ZONE)
                    && note.contains("the public zone and the direct rules"), note);
            assertEquals(Optional.of(note), changes.history().get(0).note(), "kept with the undone entry");
        }
    }

    @Test
    void anUndoThatPutsTheFilesBackTellsNothing() {
        FilesHost host = new FilesHost(FirewalldForwardTest.firewalldHost(List.of()));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            changes.apply(changes.plan(WEB));
            host.firewallCmdRewrites();
            assertEquals(Optional.empty(), changes.undo().note());
        }
    }

    @Test
    void theTrustedZoneFixKeepsTheZonesFileToo() {
        FilesHost host = new FilesHost(SimulatedHost.demo());
        FirewalldFilesOp op = new FirewalldFilesOp("accept:br9", Optional.of(FirewalldZones.TRUSTED), false,
                List.of(new FirewalldFilesOp.Kept("/etc/firewalld/zones/trusted.xml", Optional.empty())), "x", false);
        assertEquals(List.of("/etc/firewalld/zones/trusted.xml", "/etc/firewalld/zones/trusted.xml.old"),
                FirewalldFilesOp.paths(Optional.of(FirewalldZones.TRUSTED), false));
        List<?> ops = SavedFiles.firewalldKept(host, dev.virtwire.model.Id.parse("accept:br9"),
                Optional.of(FirewalldZones.TRUSTED), false, List.of(new FirewalldZoneOp("br9", "trusted", true)));
        assertInstanceOf(FirewalldFilesOp.class, ops.get(0));
        assertEquals(op.inverse().inverse(), op);
        assertTrue(((FirewalldFilesOp) ops.get(0)).listed().contains("--zone=trusted, --list-all"), ((FirewalldFilesOp) ops.get(0)).listed());
    }

    @Test
    void aFileChangedBetweenPlanAndApplyIsRefusedBeforeFirewallCmdRuns() {
        FilesHost host = new FilesHost(FirewalldForwardTest.firewalldHost(List.of()));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(WEB);
            host.files.put(ZONE, new ConfigFile(ZONE, "<zone/>\n", "644", "root", "root"));
            ChangeFailed failed = org.junit.jupiter.api.Assertions.assertThrows(ChangeFailed.class,
                    () -> changes.apply(plan));
            assertTrue(failed.getMessage().contains(ZONE + " exists now"), failed.getMessage());
            assertEquals(List.of(), FirewalldForwardPorts.in(host.snapshot().firewall()));
        }
    }

    /** The simulated firewalld host, with /etc/firewalld's files in memory and its permanent settings listed. */
    static final class FilesHost extends FailingHost {
        final Map<String, ConfigFile> files = new TreeMap<>();
        private final SimulatedHost sim;
        String userEdit = "";

        FilesHost(SimulatedHost sim) {
            super(sim, Integer.MAX_VALUE, false);
            this.sim = sim;
        }

        /** What firewall-cmd --permanent leaves after the forward: the zone's file made, direct.xml rewritten. */
        void firewallCmdRewrites() {
            files.put(ZONE, new ConfigFile(ZONE, "<zone><forward-port port=\"8080\"/></zone>\n", "644", "root",
                    "root"));
            Optional.ofNullable(files.get(DIRECT)).ifPresent(d -> files.put(DIRECT + ".old", d));
            files.put(DIRECT, new ConfigFile(DIRECT, "<direct><rule/></direct>\n", "644", "root", "root"));
        }

        @Override
        public boolean changesSavedConfig() {
            return true;
        }

        @Override
        public Optional<ConfigFile> savedFile(String path) {
            return Optional.ofNullable(files.get(path));
        }

        /** As permanent as run time here: the simulated firewall's forwards and accepts, and the user's edit. */
        @Override
        public Optional<String> firewalldPermanent(List<List<String>> listing) {
            return Optional.of(listing + "\n" + FirewalldForwardPorts.in(sim.snapshot().firewall())
                    + FirewalldForwardPorts.accepts(sim.snapshot().firewall()) + userEdit);
        }

        @Override
        public SavedNetworkConfig savedConfig() {
            return (SavedNetworkConfig) Proxy.newProxyInstance(SavedNetworkConfig.class.getClassLoader(),
                    new Class<?>[] {SavedNetworkConfig.class}, (proxy, method, args) -> {
                        String path = args[0] instanceof ConfigFile f ? f.path() : (String) args[0];
                        @SuppressWarnings("unchecked")
                        Optional<String> expected = (Optional<String>) args[1];
                        if (!expected.equals(savedFile(path).map(ConfigFile::text))) {
                            throw new HostException(path + (expected.isEmpty() ? " exists now" : " was changed"));
                        }
                        switch (method.getName()) {
                            case "writeFile" -> files.put(path, (ConfigFile) args[0]);
                            case "removeFile" -> files.remove(path);
                            case "requireUnchanged" -> { }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }
}
