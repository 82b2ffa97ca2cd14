package dev.virtwire.host.sim;

import dev.virtwire.host.KernelLinks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulated host's revert watchdogs: like the real one, each runs its ip batch after the delay unless
 * disarmed first, whatever the app does meanwhile.
 */
final class SimulatedWatchdog {
    private final KernelLinks host;
    private final Map<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    SimulatedWatchdog(KernelLinks host) {
        this.host = host;
    }

    synchronized void arm(String id, List<String> batch, Duration delay) {
        if (armed.containsKey(id)) {
            throw new dev.virtwire.host.HostException("a revert watchdog named " + id + " is already armed");
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulated revert watchdog");
                t.setDaemon(true);
                return t;
            });
        }
        List<String> lines = List.copyOf(batch);
        armed.put(id, timer.schedule(() -> {
            armed.remove(id);
            SimulatedIpBatch.run(host, lines);
        }, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    boolean disarm(String id) {
        ScheduledFuture<?> future = armed.remove(id);
        return future != null && future.cancel(false);
    }

    synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
