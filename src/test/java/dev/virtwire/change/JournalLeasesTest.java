package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network's leases are no part of its definition: a change to it is journaled without them, and read back. */
class JournalLeasesTest {
    @TempDir
    Path state;

    @Test
    void aNetworkChangeOnAHostWhoseLeasesEndIsJournaledWithoutThemAndUndoneAfterARestart() throws Exception {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        SimulatedHost host = new SimulatedHost(demo.updateNetwork("default", n -> n.withLeases(List.of(
                new DhcpLease("52:54:00:3a:10:01", "192.168.122.10/24", Optional.of(Instant.parse(
                        "2026-12-06T20:00:00Z")), Optional.of("web1"))))));
        HostSnapshot before = Snapshots.normalized(host.snapshot());
        try (Changes changes = new Changes(host, JournalRecoveryTest.SIM, state)) {
            changes.apply(changes.plan(new NetworkIntent.SetNetworkMode("default", NetworkMode.ROUTE,
                    Optional.empty(), Optional.empty(), Optional.empty())));
        }
        String journal = Files.readString(new Changes(host, JournalRecoveryTest.SIM, state).journalFile());
        assertFalse(journal.contains("2026-12-06T20:00:00Z"), journal);
        try (Changes again = new Changes(host, JournalRecoveryTest.SIM, state)) {
            again.undo();
        }
        assertEquals(before.network("default").orElseThrow().withLeases(List.of()),
                Snapshots.normalized(host.snapshot()).network("default").orElseThrow().withLeases(List.of()));
    }

    /**
     * A journal's network with leases (not written by Virtwire: a hand edit, or a lease whose end this mapper cannot
     * read) is read without them: the history stays readable and undo works. It said "damaged" before.
     */
    @Test
    void leasesInAJournalAreIgnored() throws Exception {
        SimulatedHost host = SimulatedHost.demo();
        Path file;
        try (Changes changes = new Changes(host, JournalRecoveryTest.SIM, state)) {
            changes.apply(changes.plan(new NetworkIntent.SetNetworkMode("default", NetworkMode.ROUTE,
                    Optional.empty(), Optional.empty(), Optional.empty())));
            file = changes.journalFile();
        }
        String journal = Files.readString(file);
        assertFalse(journal.contains("\"leases\""), "not written");
        Files.writeString(file, journal.replace("\"ips6\" : [ ]", "\"leases\" : [ {\"mac\": \"zz\", \"expires\": "
                + "\"tomorrow\"} ], \"ips6\" : [ ]"));
        assertTrue(Files.readString(file).contains("tomorrow"), "the journal's networks have leases now");
        try (Changes again = new Changes(host, JournalRecoveryTest.SIM, state)) {
            assertEquals(HistoryEntry.Status.UNDONE, again.undo().status());
        }
    }

    @Test
    void aNetworkJournaledBeforeLeasesExistedReadsBackWithNone() throws Exception {
        VirtualNetwork network = SimulatedHost.demo().snapshot().network("isolated").orElseThrow()
                .withLeases(List.of());
        ObjectNode old = JournalJson.MAPPER.valueToTree(network);
        old.remove("leases");
        assertEquals(network, JournalJson.MAPPER.treeToValue(old, VirtualNetwork.class));
    }
}
