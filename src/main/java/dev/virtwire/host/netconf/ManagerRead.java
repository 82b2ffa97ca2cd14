package dev.virtwire.host.netconf;

import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedLink;
import java.util.List;
import java.util.Optional;

/**
 * What one manager's reader found: the manager (empty when it is not on the host), the links its saved
 * configuration makes, and what could not be read (a file that does not parse names its file and line).
 */
record ManagerRead(Optional<ManagerFound> found, List<SavedLink> links, List<String> gaps) {
    ManagerRead {
        links = List.copyOf(links);
        gaps = List.copyOf(gaps);
    }

    static ManagerRead absent() {
        return new ManagerRead(Optional.empty(), List.of(), List.of());
    }

    static ManagerRead failed(String gap) {
        return new ManagerRead(Optional.empty(), List.of(), List.of(gap));
    }
}
