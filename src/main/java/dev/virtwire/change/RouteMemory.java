package dev.virtwire.change;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The default routes Virtwire last saw on one host, kept next to its history. The kernel forgets a route
 * when its link goes down and does not bring it back with the link; what was seen here lets the
 * troubleshooter restore it. Nothing is kept for the demo host.
 */
public final class RouteMemory {
    private final Path file;
    private final boolean demo;
    private List<Route> known;

    public RouteMemory(Path stateDir, HostAddress address) {
        this.file = HostStateDir.of(stateDir, address).resolve("default-routes.json");
        this.demo = address.isDemo();
    }

    /**
     * Keeps the snapshot's default routes when it has any and they differ from those kept. A state dir that
     * cannot be written only costs a later restoration, so that is not an error.
     */
    public synchronized void remember(HostSnapshot snapshot) {
        List<Route> defaults = snapshot.routes().stream().filter(Route::isDefault).toList();
        if (demo || defaults.isEmpty() || defaults.equals(defaults())) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JournalJson.MAPPER.writeValue(tmp.toFile(), defaults);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            known = defaults;
        } catch (IOException | UncheckedIOException e) {
            known = null;
        }
    }

    /** The default routes seen last, or none when this host was never seen with one (or the file is unreadable). */
    public synchronized List<Route> defaults() {
        if (known == null) {
            try {
                known = Files.exists(file) ? List.copyOf(JournalJson.MAPPER.readValue(file.toFile(),
                        new TypeReference<List<Route>>() { })) : List.of();
            } catch (IOException e) {
                known = List.of(); // a damaged memory only costs the route's restoration
            }
        }
        return known;
    }
}
