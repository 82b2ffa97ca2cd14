package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.Changes;
import dev.virtwire.change.FailingHost;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.change.Plan;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.NetworkMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-step plan on the real lab (switching network isolated, which g3 uses, to open: redefine, stop,
 * start, plug g3 back in) failing at each of its host writes in turn, and dying part-way: the lab ends as
 * it was, by the executor's revert or by recovery at the next start.
 */
@LabTest
@LabUpOncePerClass // each test checks that the lab is as before
class RollbackLabTest {
    private static final Intent SWITCH = new NetworkIntent.SetNetworkMode("isolated", NetworkMode.OPEN, Optional.empty(),
            Optional.empty(), Optional.empty());

    private final HostAddress address;

    @TempDir
    Path state;

    RollbackLabTest(Lab lab) {
        this.address = new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    @Test
    void aFailureAtEveryStepRevertsTheStepsBeforeIt() {
        List<String> failures = new ArrayList<>();
        try (Host host = Hosts.open(address)) {
            List<String> before = ChangesLabTest.LabState.of(host.snapshot());
            int writes = writesOf(host);
            assertTrue(writes >= 3, "a multi-step plan: " + writes + " writes");
            for (int k = 1; k <= writes; k++) {
                try (Changes changes = new Changes(new FailingHost(host, k, false), address, state.resolve("k" + k))) {
                    Plan plan = changes.plan(SWITCH);
                    ChangeFailed failed = assertThrows(ChangeFailed.class, () -> changes.apply(plan));
                    if (!failed.hostUnchanged()) {
                        failures.add("failure at write " + k + ": " + failed.getMessage());
                    }
                }
                List<String> after = ChangesLabTest.LabState.of(host.snapshot());
                if (!before.equals(after)) {
                    failures.add("failure at write " + k + " left the lab changed:\n  before only: "
                            + ChangesLabTest.minus(before, after) + "\n  after only:  "
                            + ChangesLabTest.minus(after, before));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void anApplyKilledPartWayIsRolledBackByRecoveryAtTheNextStart() {
        try (Host host = Hosts.open(address)) {
            List<String> before = ChangesLabTest.LabState.of(host.snapshot());
            int k = writesOf(host) / 2 + 1;
            Changes dying = new Changes(new FailingHost(host, k, true), address, state);
            Plan plan = dying.plan(SWITCH);
            assertThrows(FailingHost.Killed.class, () -> dying.apply(plan));

            try (Changes restarted = new Changes(host, address, state)) {
                assertEquals(HistoryEntry.Status.IN_PROGRESS, restarted.interrupted().orElseThrow().status());
                assertEquals(HistoryEntry.Status.RECOVERED, restarted.recover().status());
                assertEquals(before, ChangesLabTest.LabState.of(host.snapshot()));
            }
        }
    }

    /** How many host writes the switch takes: applied once, counted, undone. */
    private int writesOf(Host host) {
        FailingHost counting = new FailingHost(host, Integer.MAX_VALUE, false);
        try (Changes changes = new Changes(counting, address, state.resolve("count"))) {
            changes.apply(changes.plan(SWITCH));
            int writes = counting.writes();
            changes.undo();
            return writes;
        }
    }
}
