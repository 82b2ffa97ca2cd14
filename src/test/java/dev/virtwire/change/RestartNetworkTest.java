package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.GuestTap;
import dev.virtwire.change.op.NetworkActiveOp;
import dev.virtwire.change.op.NetworkReplug;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting a network (the fix for its missing dnsmasq or NAT rules) plugs its running guests back in. */
class RestartNetworkTest {
    private static final HostAddress SIM = new HostAddress("sim:///restart", new Target.Local());

    @TempDir
    Path state;

    @Test
    void aRestartStopsAndStartsTheNetworkAndPlugsTheSameTapsBackIn() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            HostSnapshot before = Snapshots.normalized(host.snapshot());
            List<String> plugged = tapsOn(before, "virbr0");
            assertTrue(plugged.size() >= 2, "the demo's default network has running guests: " + plugged);

            Plan plan = changes.plan(new NetworkIntent.RestartNetwork("default"));
            assertEquals(List.of("virsh net-destroy default", "virsh net-start default"),
                    plan.commands().stream().filter(c -> c.startsWith("virsh net-")).toList());
            // the guests keep their taps; the restarted bridge does not: the plan names each tap it plugs back in
            assertEquals(plugged.stream().map(t -> "ip link set dev " + t + " master virbr0").toList(),
                    plan.commands().stream().filter(c -> c.startsWith("ip link set dev ")).sorted().toList());

            changes.apply(plan);
            HostSnapshot after = Snapshots.normalized(host.snapshot());
            assertTrue(after.network("default").orElseThrow().active());
            assertEquals(plugged, tapsOn(after, "virbr0"));
            assertEquals(before, after, "a restart leaves the host as it was");
            assertEquals(HistoryEntry.Status.UNDONE, changes.undo().status());
            assertEquals(before, Snapshots.normalized(host.snapshot()));
        }
    }

    /** A start from a journal written before tap names were kept: the host names the taps when it runs. */
    @Test
    void aStartFromAnOlderJournalStillPlugsTheTapsBackIn() {
        SimulatedHost host = SimulatedHost.demo();
        List<String> plugged = tapsOn(host.snapshot(), "virbr0");
        List<GuestTap> older = NetworkReplug.pluggedInto(host.snapshot(), "default").stream()
                .map(t -> GuestTap.unnamed(t.nic())).toList();
        host.setNetworkActive("default", false);
        assertEquals(List.of(), tapsOn(host.snapshot(), "virbr0"));

        NetworkActiveOp start = new NetworkActiveOp("default", true, older, Optional.empty());
        assertEquals(List.of("virsh net-start default"), HostCommand.shown(start.commands()));
        assertTrue(start.preview().contains("ip link set dev <tap of web1/52:54:00:3a:10:01> master "
                + "<bridge of default>"), () -> "the preview says whose tap goes where: " + start.preview());
        start.apply(host);
        assertEquals(plugged, tapsOn(host.snapshot(), "virbr0"));
        assertEquals(Optional.empty(), start.unverified(host.snapshot()));
    }

    /** A restart kept by an older Virtwire (its NICs without taps, no bridge) still undoes and redoes. */
    @Test
    void aRestartInAnOlderJournalStillUndoesAndRedoes() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        List<String> plugged = tapsOn(host.snapshot(), "virbr0");
        Path journal;
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new NetworkIntent.RestartNetwork("default")));
            journal = changes.journalFile();
        }
        String named = Files.readString(journal);
        String older = named.replaceAll("\\{\\s*\"nic\" : (\"[^\"]+\"),\\s*\"tap\" : \"[^\"]+\"\\s*}", "$1")
                .replaceAll(",\\s*\"bridge\" : \"virbr0\"", "");
        assertTrue(!older.contains("\"tap\"") && !older.contains("virbr0") && older.contains("\"nic:web1/"), older);
        Files.writeString(journal, older);

        try (Changes changes = new Changes(host, SIM, state)) {
            assertTrue(changes.undoPlan().commands().contains("ip link set dev <tap of web1/52:54:00:3a:10:01> "
                    + "master <bridge of default>"), () -> changes.undoPlan().commands().toString());
            assertEquals(HistoryEntry.Status.UNDONE, changes.undo().status());
            assertEquals(plugged, tapsOn(host.snapshot(), "virbr0"));
            changes.redo();
            assertEquals(plugged, tapsOn(host.snapshot(), "virbr0"));
        }
    }

    @Test
    void anInactiveNetworkIsNotRestartedButStarted() {
        try (Changes changes = new Changes(SimulatedHost.demo(), SIM, state)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new NetworkIntent.RestartNetwork("lab")));
            assertTrue(refused.getMessage().contains("network lab is inactive: start it instead"),
                    refused.getMessage());
        }
    }

    private static List<String> tapsOn(HostSnapshot s, String bridge) {
        return s.links().stream().filter(l -> l.master().filter(bridge::equals).isPresent())
                .map(dev.virtwire.model.Link::name).filter(n -> n.startsWith("vnet")).sorted().toList();
    }
}
