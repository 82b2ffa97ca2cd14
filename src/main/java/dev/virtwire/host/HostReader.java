package dev.virtwire.host;

import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.HostSnapshot;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads a host into the model and tells listeners when it changes. */
public interface HostReader extends AutoCloseable {

    /** A fresh, complete read of the host. What could not be read is listed in the snapshot's gaps. */
    HostSnapshot snapshot();

    /** Calls the listener with every change the host reports, until the returned handle is closed. */
    AutoCloseable watch(Consumer<HostChange> listener);

    /** A Linux bridge's spanning tree settings; empty when the bridge is unknown or they cannot be read. */
    default Optional<BridgeSettings> bridgeSettings(String bridge) {
        return Optional.empty();
    }

    @Override
    void close();
}
