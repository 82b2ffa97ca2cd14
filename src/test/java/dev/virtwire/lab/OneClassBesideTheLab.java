package dev.virtwire.lab;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * When the whole suite runs in one JVM (pom.xml, execution {@code with-the-lab}, which registers this extension
 * for every class): one class at a time beside the lab's turn. The second thread takes one class after another,
 * but the lab's thread, its turn done, helps with what is left; and a window class of the turn must not meet a
 * window class beside it (there is one JavaFX toolkit). So every class outside the turn, and every class that
 * opens windows, holds this turn for its whole run.
 */
public final class OneClassBesideTheLab implements BeforeAllCallback, AfterAllCallback {

    private static final Semaphore TURN = new Semaphore(1, true);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            OneClassBesideTheLab.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        if (!AnnotationSupport.isAnnotated(c, InTheLabsTurn.class) || opensWindows(c)) {
            TURN.acquireUninterruptibly();
            context.getStore(NAMESPACE).put(Semaphore.class, TURN);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).remove(Semaphore.class) != null) {
            TURN.release();
        }
    }

    /** A class that drives windows through TestFX, on the process's one JavaFX toolkit. */
    static boolean opensWindows(Class<?> c) {
        return AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class).stream()
                .anyMatch(e -> Arrays.asList(e.value()).contains(ApplicationExtension.class));
    }
}
