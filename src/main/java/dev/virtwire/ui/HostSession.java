package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.Optional;
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

    /** Call off the FX thread: takes the first snapshot and opens the host's change history. */
    public HostSession(HostAddress address, Host host, Path stateDir) {
        this.address = address;
        this.host = host;
        this.changes = new Changes(host, address, stateDir);
        this.snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot", host.snapshot());
        this.watch = host.watch(change -> Platform.runLater(() -> snapshot.set(change.snapshot())));
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

    /** Reads the host again (off the FX thread) and publishes the result on it. */
    public void refresh() {
        HostSnapshot next = host.snapshot();
        Platform.runLater(() -> snapshot.set(next));
    }

    public Optional<String> libvirtVersion() {
        return snapshot().host().libvirtVersion();
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
