package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns "something changed" signals (libvirt events, {@code ip monitor} lines) into HostChanges: signals are
 * coalesced for a short moment, then the host is re-read once and listeners get what differs.
 */
final class LiveUpdates implements AutoCloseable {
    /** Long enough to fold a burst (a guest start is a dozen kernel events), short enough for "within 1 s". */
    static final long COALESCE_MS = 120;

    private final Supplier<HostSnapshot> read;
    private final List<Consumer<HostChange>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtwire host refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile HostSnapshot last;

    LiveUpdates(Supplier<HostSnapshot> read, HostSnapshot first) {
        this.read = read;
        this.last = first;
    }

    AutoCloseable add(Consumer<HostChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Something changed: a re-read follows shortly, once for all signals until then. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            worker.schedule(this::refresh, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        pending.set(false);
        HostSnapshot now;
        try {
            now = read.get();
        } catch (HostException e) {
            return; // the next signal tries again; snapshot() callers see the error itself
        }
        HostSnapshot before = last;
        last = now;
        if (SnapshotDiff.same(before, now)) {
            return;
        }
        HostChange change = new HostChange(now, SnapshotDiff.touched(before, now));
        for (Consumer<HostChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                // one failing listener must not starve the others
            }
        }
    }

    @Override
    public void close() {
        listeners.clear();
        worker.shutdownNow();
    }
}
