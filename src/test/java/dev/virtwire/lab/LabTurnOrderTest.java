package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/** The lab's turn: the classes that take the lab as it is, the window's, the guard, those that rebuild it. */
class LabTurnOrderTest {

    @Test
    void theClassesThatRebuildTheLabComeAfterTheGuardOnAFreshLab() {
        List<Class<?>> classes = List.of(UfwLabTest.class, HostUntouchedLabTest.class, type("dev.virtwire.ui.LabDragTest"),
                SavedStateLabTest.class, TroubleshooterLabTest.class, FirewalldLabTest.class, NetconfLabTest.class,
                type("dev.virtwire.cli.VerboseTest"), ChangesLabTest.class);
        List<ClassDescriptor> descriptors = new ArrayList<>(classes.stream().map(Descriptor::new).toList());
        new LabTurnOrder().orderClasses(new ClassOrdererContext() {
            @Override
            public List<? extends ClassDescriptor> getClassDescriptors() {
                return descriptors;
            }

            @Override
            public Optional<String> getConfigurationParameter(String key) {
                return Optional.empty();
            }
        });
        assertEquals(List.of("VerboseTest", "ChangesLabTest", "TroubleshooterLabTest", "LabDragTest",
                "HostUntouchedLabTest", "FirewalldLabTest", "NetconfLabTest", "SavedStateLabTest", "UfwLabTest"),
                descriptors.stream().map(d -> d.getTestClass().getSimpleName()).toList());
    }

    /** A class of another package, not public there. */
    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Descriptor(Class<?> type) implements ClassDescriptor {
        @Override
        public Class<?> getTestClass() {
            return type;
        }

        @Override
        public String getDisplayName() {
            return type.getSimpleName();
        }

        @Override
        public boolean isAnnotated(Class<? extends Annotation> annotationType) {
            return AnnotationSupport.isAnnotated(type, annotationType);
        }

        @Override
        public <A extends Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
            return AnnotationSupport.findAnnotation(type, annotationType);
        }

        @Override
        public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> annotationType) {
            return AnnotationSupport.findRepeatableAnnotations(type, annotationType);
        }
    }
}
