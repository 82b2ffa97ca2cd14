package dev.virtwire.lab;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lab of one test run: brought up on first use, torn down when the run ends (JUnit
 * closes it from the root store, also after failures). It remembers the machine's state
 * before the first {@code lab up} and checks after {@code lab down} that nothing is left.
 */
final class LabSession implements ExtensionContext.Store.CloseableResource {

    static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);

    private final LabScript script = LabScript.locate();
    private MachineState before;
    private String failure;
    private boolean started;

    /** Makes sure the lab is up (fast when it is) and describes it; throws with the lab's message when it cannot start. */
    synchronized Lab ensureUp() {
        if (failure != null) {
            throw new LabUnavailableException(failure);
        }
        if (before == null) {
            // a fresh, disposable lab for this run: whatever was up before is taken down first,
            // so that the machine's state is captured without any lab in it
            CommandResult down = script.lab(DOWN_TIMEOUT, "down");
            if (!down.ok()) {
                failure = "lab down before the run failed: " + down.describe();
                throw new LabUnavailableException(failure);
            }
            before = MachineState.capture();
        }
        CommandResult up = script.lab(UP_TIMEOUT, "up");
        started = true;
        if (!up.ok()) {
            failure = "the lab could not start (" + script.path() + " up, exit " + up.exitCode() + "):\n"
                    + up.stderr().strip();
            throw new LabUnavailableException(failure);
        }
        return new Lab(script, Lab.parseEnv(up.stdout()));
    }

    LabScript script() {
        return script;
    }

    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        CommandResult down = script.lab(DOWN_TIMEOUT, "down");
        if (!down.ok()) {
            throw new IllegalStateException("lab down failed: " + down.describe());
        }
        String diff = before.differencesTo(MachineState.capture());
        if (!diff.isEmpty()) {
            throw new IllegalStateException("the lab left traces on the machine:\n" + diff);
        }
    }

    /** Thrown (as a test failure, never a skip) when the lab cannot start. */
    static final class LabUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LabUnavailableException(String message) {
            super(message);
        }
    }
}
