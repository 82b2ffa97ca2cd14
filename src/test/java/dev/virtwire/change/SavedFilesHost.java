package dev.virtwire.change;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A host read whose saved configuration can be changed, that answers a manager's files by path. */
record SavedFilesHost(HostSnapshot snapshot, Map<String, ConfigFile> files) implements HostReader {
    @Override
    public boolean changesSavedConfig() {
        return true;
    }

    @Override
    public Optional<ConfigFile> savedFile(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public AutoCloseable watch(Consumer<HostChange> listener) {
        return () -> { };
    }

    @Override
    public void close() {
    }
}
