package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guard: the lab leaves the machine's own namespace as it was (links, routes, iptables, nftables, the lab's
 * namespaces, libvirt mounts, lab processes), and {@code lab down} is final and idempotent. In a run that brought the
 * lab up on a machine without one, it takes the run's lab down (the next lab test brings up a fresh one) and compares
 * the machine with how it was before the run's first {@code lab up}; run alone (or after another run's lab), it makes
 * a cycle of its own, once other test runs on the machine have released the lab.
 */
@Tag("lab")
@InTheLabsTurn
class HostUntouchedLabTest {

    private static final Duration WAIT_FOR_OTHERS = Duration.ofMinutes(5);

    /**
     * The machine as it was before the run's first lab up, once the run's lab is down: every up, reboot, fault and
     * down of the run so far checked at once, with no lab up of its own. Run alone, or when the run found another
     * run's lab up, a cycle of its own.
     */
    @Test
    void labUpThenDownLeavesTheMachineAsItWas() {
        LabScript script = LabScript.locate();
        // another test run on this machine may be using the lab: wait until it is done
        assertTrue(Eventually.within(WAIT_FOR_OTHERS, () -> LabSession.otherHolders(script).isEmpty()),
                () -> "the lab is still used by other test runs (pids " + LabSession.otherHolders(script)
                        + "); the guard needs the machine without a lab");
        Optional<MachineState> beforeTheRun = LabSession.machineBeforeTheRun();
        boolean upForTheRun = beforeTheRun.isPresent() && script.lab(Lab.COMMAND_TIMEOUT, "status").ok();
        MachineState before;
        if (upForTheRun) {
            before = beforeTheRun.get();
        } else {
            CommandResult first = script.lab(LabSession.DOWN_TIMEOUT, "down");
            assertTrue(first.ok(), () -> "lab down (before) failed: " + first.describe());
            before = MachineState.capture();
            CommandResult up = script.lab(LabSession.UP_TIMEOUT, "up");
            assertTrue(up.ok(), () -> "lab up failed: " + up.stderr());
            CommandResult status = script.lab(Lab.COMMAND_TIMEOUT, "status");
            assertEquals(0, status.exitCode(), () -> "lab status after up: " + status.describe());
        }

        CommandResult down = script.lab(LabSession.DOWN_TIMEOUT, "down");
        assertTrue(down.ok(), () -> "lab down failed: " + down.describe());
        CommandResult after = script.lab(Lab.COMMAND_TIMEOUT, "status");
        assertTrue(after.exitCode() != 0, "lab status must fail when the lab is down");
        CommandResult again = script.lab(LabSession.DOWN_TIMEOUT, "down");
        assertTrue(again.ok(), () -> "a second lab down must be a no-op: " + again.describe());

        String diff = before.differencesTo(MachineState.capture());
        assertEquals("", diff, "the lab left traces on the machine" + (upForTheRun ? " (since before this run's "
                + "first lab up)" : ""));
    }
}
