package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.change.RouteMemory;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Route;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One open host: its address, the host port, and the latest snapshot as a JavaFX property that changes
 * only on the FX thread (host events arrive on any thread and are handed over). The first snapshot is drawn before
 * the live updates start ({@link #startWatching}): starting them (libvirt's event sources, {@code ip monitor} over
 * ssh) takes a while, and the picture does not wait for it.
 */
public final class HostSession implements AutoCloseable {
    private static final ExecutorService WATCHES =
            Executors.newCachedThreadPool(DaemonThreads.named("virtwire-host-watch"));

    private final HostAddress address;
    private final Host host;
    private final ReadOnlyObjectWrapper<HostSnapshot> snapshot;
    private final Changes changes;
    private final RouteMemory routes;
    private final AtomicBoolean watching = new AtomicBoolean();
    /** True (on the FX thread) once the live updates listen and the host read again after them was handed over. */
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", false);
    /** The read again once the live updates listen, which does not undo a newer live change. */
    private final CatchUp catchUp = new CatchUp();
    /** Set once the live updates are up; guarded by this. */
    private AutoCloseable watch;
    private boolean closed;

    /** Call off the FX thread: takes the first snapshot and opens the host's change history. */
    public HostSession(HostAddress address, Host host, Path stateDir) {
        this.address = address;
        this.host = host;
        this.changes = new Changes(host, address, stateDir);
        this.routes = new RouteMemory(stateDir, address);
        this.snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot", seen(host.snapshot()));
    }

    /**
     * Starts the host's live updates on a thread of its own (once; later calls do nothing), then reads the host
     * again: what changed between the first read and the moment the sources listened was heard by no one.
     *
     * @param failed told (on that thread) when the live updates cannot start; the tab keeps its picture
     */
    public void startWatching(Consumer<RuntimeException> failed) {
        if (watching.compareAndSet(false, true)) {
            WATCHES.execute(() -> watchThenReadAgain(failed));
        }
    }

    private void watchThenReadAgain(Consumer<RuntimeException> failed) {
        AutoCloseable started;
        try {
            started = host.watch(catchUp.counting(change -> {
                HostSnapshot next = seen(change.snapshot());
                Platform.runLater(() -> snapshot.set(next));
            }));
        } catch (RuntimeException e) {
            tellUnlessClosed(failed, e);
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(started);
                return;
            }
            watch = started;
        }
        CatchUp.Read again;
        try {
            again = catchUp.readAgain(host);
            seen(again.snapshot());
        } catch (RuntimeException e) {
            tellUnlessClosed(failed, e);
            return;
        }
        Platform.runLater(() -> {
            if (again.isNewsAfter(snapshot.get())) {
                snapshot.set(again.snapshot());
            }
            live.set(true);
        });
    }

    public HostAddress address() {
        return address;
    }

    public Host host() {
        return host;
    }

    /** Plans, applies and undoes changes of this host. */
    public Changes changes() {
        return changes;
    }

    public HostSnapshot snapshot() {
        return snapshot.get();
    }

    /** Whether the live updates are up (and what changed before they listened is in the snapshot). */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HostSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The default routes seen on this host, in this session or before (to restore one the kernel dropped). */
    public List<Route> rememberedDefaultRoutes() {
        return routes.defaults();
    }

    /** Reads the host again (off the FX thread) and publishes the result on it. */
    public void refresh() {
        HostSnapshot next = seen(host.snapshot());
        Platform.runLater(() -> snapshot.set(next));
    }

    /** Off the FX thread: keeps its default routes in the state dir. */
    private HostSnapshot seen(HostSnapshot s) {
        routes.remember(s);
        return s;
    }

    @Override
    public void close() {
        AutoCloseable going;
        synchronized (this) {
            closed = true;
            going = watch;
        }
        if (going != null) {
            closeQuietly(going);
        }
        changes.close();
        host.close();
    }

    /** A host closed meanwhile (its tab closed) fails quietly: nobody waits for its updates any more. */
    private void tellUnlessClosed(Consumer<RuntimeException> failed, RuntimeException e) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        failed.accept(e);
    }

    private static void closeQuietly(AutoCloseable watch) {
        try {
            watch.close();
        } catch (Exception e) {
            // the host is going away; a failing unsubscribe changes nothing for the user
        }
    }
}
