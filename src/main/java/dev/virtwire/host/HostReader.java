package dev.virtwire.host;

import dev.virtwire.model.HostSnapshot;
import java.util.function.Consumer;

/** Reads a host into the model and tells listeners when it changes. */
public interface HostReader extends AutoCloseable {

    /** A fresh, complete read of the host. What could not be read is listed in the snapshot's gaps. */
    HostSnapshot snapshot();

    /** Calls the listener with every change the host reports, until the returned handle is closed. */
    AutoCloseable watch(Consumer<HostChange> listener);

    @Override
    void close();
}
