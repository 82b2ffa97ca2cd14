package dev.virtwire.cli;

import dev.virtwire.change.Changes;
import dev.virtwire.host.Host;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.fleet.FleetEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts of the fleet list opened with their histories, for a change across them: opened one by one as they are
 * first asked for, all closed together. A host that cannot be opened stops the command before anything changes.
 */
final class OpenedFleet implements AutoCloseable {
    private final Map<String, FleetEntry> entries = new LinkedHashMap<>();
    private final Path stateDir;
    private final Map<String, Changes> opened = new LinkedHashMap<>();
    private final List<Host> hosts = new ArrayList<>();

    OpenedFleet(List<FleetEntry> fleet, Path stateDir) {
        fleet.forEach(e -> entries.put(e.name(), e));
        this.stateDir = stateDir;
    }

    /** The history of a host of the list, opening it on first use. */
    Changes changes(String name) {
        return opened.computeIfAbsent(name, n -> {
            FleetEntry entry = entries.get(n);
            if (entry == null) {
                throw new IllegalStateException("the fleet has no host named " + n + ": it has "
                        + String.join(", ", entries.keySet()));
            }
            Host host = HostOptions.open(entry.address(), stateDir);
            hosts.add(host);
            return new Changes(host, entry.address(), stateDir, SuggestedCommands.forHost(entry.address(), stateDir));
        });
    }

    @Override
    public void close() {
        opened.values().forEach(Changes::close);
        hosts.forEach(Host::close);
    }
}
