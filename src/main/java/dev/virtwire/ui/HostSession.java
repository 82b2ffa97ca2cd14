package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.change.RouteMemory;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Route;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One open host: its address, the host port, and the latest snapshot as a JavaFX property that changes
 * only on the FX thread (host events arrive on any thread and are handed over).
 */
public final class HostSession implements AutoCloseable {
    private final HostAddress address;
    private final Host host;
    private final ReadOnlyObjectWrapper<HostSnapshot> snapshot;
    private final AutoCloseable watch;
    private final Changes changes;
    private final RouteMemory routes;

    /** Call off the FX thread: takes the first snapshot and opens the host's change history. */
    public HostSession(HostAddress address, Host host, Path stateDir) {
        this.address = address;
        this.host = host;
        this.changes = new Changes(host, address, stateDir);
        this.routes = new RouteMemory(stateDir, address);
        this.snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot", seen(host.snapshot()));
        this.watch = host.watch(change -> {
            HostSnapshot next = seen(change.snapshot());
            Platform.runLater(() -> snapshot.set(next));
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
        try {
            watch.close();
        } catch (Exception e) {
            // the host is going away; a failing unsubscribe changes nothing for the user
        }
        changes.close();
        host.close();
    }
}
