package dev.virtwire.lab;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lab of one test run: brought up on first use, torn down when the run ends (JUnit
 * closes it from the root store, also after failures). The run holds the lab with its pid
 * ({@code lab up --holder PID}) so that a test run of someone else on the same machine does
 * not tear it down under it, and vice versa. When no one else holds the lab, the session
 * starts from a fresh one, remembers the machine's state before {@code lab up} and checks
 * after {@code lab down} that nothing is left.
 */
final class LabSession implements ExtensionContext.Store.CloseableResource {

    static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);
    static final String SELF = String.valueOf(ProcessHandle.current().pid());

    /**
     * The machine before this JVM's first lab up, when no other run held the lab then (else null): static so that
     * {@link HostUntouchedLabTest}, last of the run, compares the machine with it instead of a lab cycle of its own.
     */
    private static volatile MachineState beforeTheRun;

    private final LabScript script = LabScript.locate();
    private MachineState before;
    private boolean firstUse = true;
    private String failure;
    private boolean started;
    /** The class marked {@link LabUpOncePerClass} that {@link #lastUp} was brought up for, else null. */
    private Class<?> upFor;
    private Lab lastUp;
    /** The lab this session last brought up or handed out, until a test fails (then the next one gets a full up). */
    private Lab current;

    /**
     * Makes sure the lab is up and describes it; throws with the lab's message when it cannot start. With
     * {@code upOnceFor} (a class marked {@link LabUpOncePerClass}), the lab brought up for that class's previous
     * test is handed out again without {@code lab up}. A class that {@code reshapes} the lab ({@link RebuildsTheLab})
     * gets the running lab as the previous class left it, since it brings the lab up in its own shape first: a lab
     * up to the default shape in between would be undone at once (each such up cost 4 to 40 s). The others get the
     * default shape, today's firewall included ({@code --firewall iptables}: the shape a class that reshaped the
     * lab left is not put back by that class).
     */
    synchronized Lab ensureUp(Class<?> upOnceFor, boolean reshapes) {
        if (failure != null) {
            throw new LabUnavailableException(failure);
        }
        if (upOnceFor != null && upOnceFor == upFor && lastUp != null) {
            return lastUp;
        }
        if (reshapes && current != null) {
            CommandResult status = script.lab(Lab.COMMAND_TIMEOUT, "status");
            if (status.ok()) {
                current = new Lab(script, Lab.parseEnv(status.stdout()));
                return current;
            }
        }
        upFor = null;
        lastUp = null;
        if (firstUse) {
            firstUse = false;
            if (otherHolders(script).isEmpty()) {
                before = freshMachineState();
                beforeTheRun = before;
            }
        }
        // after a failed test a class that reshapes the lab gets it repaired in the shape it is in (its next test may
        // not bring it up in that shape again: NftablesFirewallLabTest), the others the default
        CommandResult up = reshapes ? script.lab(UP_TIMEOUT, "up", "--holder", SELF)
                : script.lab(UP_TIMEOUT, "up", "--holder", SELF, "--firewall", "iptables");
        started = true;
        if (!up.ok()) {
            failure = "the lab could not start (" + script.path() + " up, exit " + up.exitCode() + "):\n"
                    + up.stderr().strip();
            throw new LabUnavailableException(failure);
        }
        lastUp = new Lab(script, Lab.parseEnv(up.stdout()));
        current = lastUp;
        upFor = upOnceFor;
        return lastUp;
    }

    /** The next test gets the full {@code lab up}, also in a class marked {@link LabUpOncePerClass}. */
    synchronized void forgetUp() {
        upFor = null;
        lastUp = null;
        current = null;
    }

    /**
     * Takes down whatever lab was left up and captures the machine without it. Null when a lab
     * keeps appearing (another run on this machine that does not register as holder): then
     * only {@link HostUntouchedLabTest} guards the machine.
     */
    private MachineState freshMachineState() {
        for (int attempt = 0; attempt < 3; attempt++) {
            CommandResult down = script.lab(DOWN_TIMEOUT, "down");
            if (!down.ok()) {
                failure = "lab down before the run failed: " + down.describe();
                throw new LabUnavailableException(failure);
            }
            MachineState state = MachineState.capture();
            if (!state.hasLab()) {
                return state;
            }
        }
        return null;
    }

    /** The machine before this run's first lab up, if this run started the lab on a machine without one. */
    static java.util.Optional<MachineState> machineBeforeTheRun() {
        return java.util.Optional.ofNullable(beforeTheRun);
    }

    /** Live pids other than this JVM that hold the lab. */
    static List<String> otherHolders(LabScript script) {
        return script.lab(Lab.COMMAND_TIMEOUT, "holders").stdout().lines()
                .map(String::strip)
                .filter(pid -> !pid.isEmpty() && !pid.equals(SELF))
                .toList();
    }

    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        CommandResult down = script.lab(DOWN_TIMEOUT, "down", "--holder", SELF);
        if (!down.ok()) {
            throw new IllegalStateException("lab down failed: " + down.describe());
        }
        boolean stillUp = script.lab(Lab.COMMAND_TIMEOUT, "status").ok();
        if (before != null && !stillUp) {
            String diff = before.differencesTo(MachineState.capture());
            if (!diff.isEmpty()) {
                throw new IllegalStateException("the lab left traces on the machine:\n" + diff);
            }
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
