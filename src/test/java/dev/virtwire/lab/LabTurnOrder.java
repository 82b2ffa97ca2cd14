package dev.virtwire.lab;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the lab's turn when the whole suite runs in one JVM (pom.xml, execution {@code with-the-lab}), each
 * group by name: the classes that take the lab as it is, on the run's fresh lab; the window's classes of the turn;
 * {@link HostUntouchedLabTest}; the classes that reboot or reshape the lab ({@link RebuildsTheLab}). The window's
 * come after the first group because the classes beside the turn open windows too (there is one JavaFX toolkit,
 * see {@link OneClassBesideTheLab}): by then those, a few minutes' work, have long finished, and none waits for
 * the other. The guard takes the lab down, so the classes that rebuild it start on a fresh lab: after the first
 * group they were up to twice as slow (NetconfLabTest 144 s, 65 s on a fresh lab); the run's last {@code lab down}
 * checks the machine again.
 */
public final class LabTurnOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(LabTurnOrder::group)
                .thenComparing(c -> c.getTestClass().getName()));
    }

    private static int group(ClassDescriptor c) {
        if (c.getTestClass() == HostUntouchedLabTest.class) {
            return 2;
        }
        if (c.isAnnotated(RebuildsTheLab.class)) {
            return 3;
        }
        return c.isAnnotated(InTheLabsTurn.class) && OneClassBesideTheLab.opensWindows(c.getTestClass()) ? 1 : 0;
    }
}
