package dev.virtwire.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Brings the lab up once per test run (kept in the root store, so JUnit runs
 * {@code lab down} when the run ends, also after failures) and injects {@link Lab} into
 * test constructors and methods. Each injection checks that the lab is still up
 * ({@code lab up} is idempotent), so a test that tore it down does not break later ones; in a class marked
 * {@link LabUpOncePerClass}, only the injection for its first test and for a test after a failed one.
 */
public final class LabExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        Class<?> upOnceFor = extensionContext.getTestClass()
                .filter(c -> c.isAnnotationPresent(LabUpOncePerClass.class)).orElse(null);
        boolean reshapes = extensionContext.getTestClass().filter(c -> c.isAnnotationPresent(RebuildsTheLab.class))
                .isPresent();
        return session(extensionContext).ensureUp(upOnceFor, reshapes);
    }

    /** A failed test may have left the lab broken: the next test of its class gets the full {@code lab up}. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        session(context).forgetUp();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        session(context).forgetUp();
    }

    static LabSession session(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LabSession.class, k -> new LabSession(), LabSession.class);
    }
}
