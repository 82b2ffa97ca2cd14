package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.fleet.FleetChange;
import dev.virtwire.change.fleet.FleetHistory;
import dev.virtwire.change.fleet.FleetHistoryEntry;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.NetworkMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network made on two simulated hosts as one change: applied, undone, and rolled back when the second fails. */
class FleetChangeTest {
    @TempDir
    Path state;

    private final SimulatedHost kvm1 = SimulatedHost.demo();
    private final SimulatedHost kvm2 = SimulatedHost.demo();
    private Changes first;
    private Changes second;

    private Changes changes(String name, Host host) {
        return new Changes(host, new HostAddress("sim:///" + name, new Target.Local()), state.resolve(name));
    }

    @AfterEach
    void close() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static Intent lan2(String address) {
        return new NetworkIntent.CreateNetwork("lan2", NetworkMode.NAT, Optional.empty(), Optional.of(address),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private List<FleetChange.Part> parts() {
        return List.of(new FleetChange.Part("kvm1", first, first.plan(lan2("192.168.60.1/24"))),
                new FleetChange.Part("kvm2", second, second.plan(lan2("192.168.61.1/24"))));
    }

    @Test
    void aNetworkMadeOnBothHostsIsOneEntryAndOneUndo() {
        first = changes("kvm1", kvm1);
        second = changes("kvm2", kvm2);
        FleetHistory history = new FleetHistory(state);
        FleetHistoryEntry entry = FleetChange.apply("Create network lan2 on kvm1, kvm2", parts(), history);
        assertEquals(FleetHistoryEntry.Status.APPLIED, entry.status());
        assertEquals(List.of("kvm1", "kvm2"), entry.steps().stream().map(FleetHistoryEntry.Step::host).toList());
        assertTrue(kvm1.snapshot().network("lan2").isPresent());
        assertEquals("192.168.61.1/24", kvm2.snapshot().network("lan2").orElseThrow().ips().get(0).address(),
                "each host its own range");
        assertEquals(List.of(entry), history.entries(), "one entry, read back from the file");
        assertEquals(first.history().get(first.history().size() - 1).id(), entry.steps().get(0).entry());

        Map<String, Changes> hosts = Map.of("kvm1", first, "kvm2", second);
        List<FleetChange.Part> undo = FleetChange.undoPlan(history, hosts::get);
        assertEquals(List.of("kvm2", "kvm1"), undo.stream().map(FleetChange.Part::host).toList(), "newest first");
        assertTrue(kvm2.snapshot().network("lan2").isPresent(), "a preview changes nothing");
        FleetHistoryEntry undone = FleetChange.undo(history, hosts::get);
        assertEquals(FleetHistoryEntry.Status.UNDONE, undone.status());
        assertTrue(kvm1.snapshot().network("lan2").isEmpty());
        assertTrue(kvm2.snapshot().network("lan2").isEmpty());
        ChangeRefused again = assertThrows(ChangeRefused.class, () -> FleetChange.undo(history, hosts::get));
        assertTrue(again.getMessage().startsWith("nothing to undo"), again.getMessage());
    }

    @Test
    void aFailureOnTheSecondHostUndoesTheFirst() {
        first = changes("kvm1", kvm1);
        second = changes("kvm2", new FailingHost(kvm2, 1, false));
        FleetHistory history = new FleetHistory(state);
        ChangeFailed failed = assertThrows(ChangeFailed.class, () -> FleetChange.apply("Create network lan2",
                parts(), history));
        assertTrue(failed.failedStep().startsWith("on kvm2, "), failed.failedStep());
        assertEquals(1, failed.reverted().size(), failed.getMessage());
        assertTrue(failed.reverted().get(0).startsWith("kvm1: "), failed.reverted().toString());
        assertTrue(failed.hostUnchanged(), failed.getMessage());
        assertTrue(kvm1.snapshot().network("lan2").isEmpty(), "kvm1 is as it was");
        assertTrue(kvm2.snapshot().network("lan2").isEmpty());
        FleetHistoryEntry entry = history.entries().get(0);
        assertEquals(FleetHistoryEntry.Status.ROLLED_BACK, entry.status());
        assertTrue(entry.note().orElseThrow().startsWith("failed on kvm2: "), entry.note().toString());
        assertEquals(Optional.empty(), history.newestApplied());
    }

    @Test
    void aHostChangedSinceIsNotUndoneBehindItsBack() {
        first = changes("kvm1", kvm1);
        second = changes("kvm2", kvm2);
        FleetHistory history = new FleetHistory(state);
        FleetChange.apply("Create network lan2", parts(), history);
        second.apply(second.plan(new NetworkIntent.SetNetworkActive("isolated", false)));
        Map<String, Changes> hosts = Map.of("kvm1", first, "kvm2", second);
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> FleetChange.undo(history, hosts::get));
        assertTrue(refused.getMessage().startsWith("on kvm2, the newest change is "), refused.getMessage());
        assertTrue(kvm1.snapshot().network("lan2").isPresent(), "every host is checked before any is touched");
    }
}
