package dev.virtwire.lab;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The order of a test run's classes (src/test/resources/junit-platform.properties): the lab's after the others,
 * in the order found, and {@link HostUntouchedLabTest} last of all. Its own lab down and up then ends the run,
 * instead of taking down the shared lab that the next lab class would have to bring up again (half a minute).
 */
public final class LabClassesLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(LabClassesLast::turn));
    }

    private static int turn(ClassDescriptor c) {
        if (c.getTestClass() == HostUntouchedLabTest.class) {
            return 2;
        }
        boolean lab = AnnotationSupport.findRepeatableAnnotations(c.getTestClass(), Tag.class).stream()
                .anyMatch(t -> t.value().equals("lab"));
        return lab ? 1 : 0;
    }
}
