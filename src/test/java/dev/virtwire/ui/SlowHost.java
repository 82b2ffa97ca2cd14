package dev.virtwire.ui;

import dev.virtwire.host.Host;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;

/**
 * A host that takes its time, as a remote one on a slow link does: every read of the host and every call that
 * changes it (through any of its ports) waits {@code delay} first, then does what the real host does.
 */
final class SlowHost {
    /** Host methods that hand out a port or a subscription: no wait of their own (the port's calls wait). */
    private static final Set<String> QUICK = Set.of("guests", "virtualNetworks", "kernel", "firewall", "sysctl",
            "watchdog", "savedConfig", "watch", "close", "changesSavedConfig", "equals", "hashCode", "toString");

    private SlowHost() {
    }

    static Host of(Host host, Duration delay) {
        return slow(Host.class, host, delay, QUICK);
    }

    private static <T> T slow(Class<T> port, Object real, Duration delay, Set<String> quick) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (!quick.contains(method.getName())) {
                Thread.sleep(delay.toMillis());
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> type = method.getReturnType();
            boolean aPort = port == Host.class && quick.contains(method.getName()) && type.isInterface()
                    && type.getPackageName().equals(Host.class.getPackageName());
            return aPort ? slow(type, result, delay, Set.of("equals", "hashCode", "toString")) : result;
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }
}
