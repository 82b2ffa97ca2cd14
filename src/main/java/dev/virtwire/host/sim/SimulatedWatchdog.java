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
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The watchdogs that ran, until asked: the real one's mark in /run/virtwire. */
    private final java.util.Set<String> ran = ConcurrentHashMap.newKeySet();
    private volatile Runnable changed = () -> { };
    private ScheduledExecutorService timer;

    SimulatedWatchdog(KernelLinks host) {
        this.host = host;
    }

    /** An armed watchdog: the batch it runs and when (kept by {@link SavedDemoHost} across processes). */
    record Pending(String id, List<String> batch, String at) {
    }

    List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    /** Called after a watchdog is armed, disarmed or has run. */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** Arms a watchdog again at its old deadline; one whose deadline has passed runs now. */
    void restore(Pending p) {
        Duration left = Duration.between(java.time.Instant.now(), java.time.Instant.parse(p.at()));
        if (left.isNegative()) {
            ran.add(p.id());
            SimulatedIpBatch.run(host, p.batch());
            changed.run();
        } else {
            arm(p.id(), p.batch(), left);
        }
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
        pending.put(id, new Pending(id, lines, java.time.Instant.now().plus(delay).toString()));
        armed.put(id, timer.schedule(() -> {
            armed.remove(id);
            ran.add(id);
            SimulatedIpBatch.run(host, lines);
            pending.remove(id);
            changed.run();
        }, delay.toMillis(), TimeUnit.MILLISECONDS));
        changed.run();
    }

    boolean disarm(String id) {
        ScheduledFuture<?> future = armed.remove(id);
        boolean disarmed = future != null && future.cancel(false);
        if (disarmed) {
            pending.remove(id);
            changed.run();
        }
        return disarmed;
    }

    /** Whether it ran (reading it forgets it, as reading the real mark removes it). */
    boolean ran(String id) {
        return ran.remove(id);
    }

    synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
