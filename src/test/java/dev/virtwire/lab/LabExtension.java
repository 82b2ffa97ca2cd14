package dev.virtwire.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings the lab up once per test run (kept in the root store, so JUnit runs
 * {@code lab down} when the run ends, also after failures) and injects {@link Lab} into
 * test constructors and methods. Each injection checks that the lab is still up
 * ({@code lab up} is idempotent and fast), so a test that tore it down does not break later ones.
 */
public final class LabExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return session(extensionContext).ensureUp();
    }

    static LabSession session(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LabSession.class, k -> new LabSession(), LabSession.class);
    }
}
