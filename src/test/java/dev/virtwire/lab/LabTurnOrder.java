package dev.virtwire.lab;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the lab's turn when the whole suite runs in one JVM (pom.xml, execution {@code with-the-lab}), each
 * group by name: the classes that take the lab as it is, on the run's fresh lab; the window's classes of the turn;
 * the first half of the classes that reboot or reshape the lab ({@link RebuildsTheLab}); {@link
 * HostUntouchedLabTest}; the second half. The window's come after the first group because the classes beside the
 * turn open windows too (there is one JavaFX toolkit, see {@link OneClassBesideTheLab}): by then those, a few
 * minutes' work, have long finished, and none waits for the other. The guard takes the lab down, so the second
 * half starts on a fresh lab: a lab that goes through one class's reboots after another's slows down (in one run,
 * SavedStateLabTest took 281 s as the eighth such class in a row, 166 s as the fourth); the run's last {@code lab
 * down} checks the machine again.
 */
public final class LabTurnOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<String> rebuilding = context.getClassDescriptors().stream()
                .filter(c -> c.isAnnotated(RebuildsTheLab.class)).map(c -> c.getTestClass().getName()).sorted()
                .toList();
        context.getClassDescriptors().sort(Comparator.<ClassDescriptor>comparingInt(c -> group(c, rebuilding))
                .thenComparing(c -> c.getTestClass().getName()));
    }

    private static int group(ClassDescriptor c, List<String> rebuilding) {
        if (c.getTestClass() == HostUntouchedLabTest.class) {
            return 3;
        }
        if (c.isAnnotated(RebuildsTheLab.class)) {
            return rebuilding.indexOf(c.getTestClass().getName()) < rebuilding.size() / 2 ? 2 : 4;
        }
        return c.isAnnotated(InTheLabsTurn.class) && OneClassBesideTheLab.opensWindows(c.getTestClass()) ? 1 : 0;
    }
}
