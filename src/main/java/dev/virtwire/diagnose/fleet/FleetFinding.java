package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Objects;

/**
 * Something wrong between hosts of a fleet.
 *
 * @param id       a stable id from the {@link FleetCatalog}
 * @param evidence the facts read on each host that show it, each line naming its host
 * @param places   the graph elements involved, each on its host
 * @param steps    what to do by hand
 */
public record FleetFinding(String id, Severity severity, String title, List<String> evidence, List<Place> places,
                           List<String> steps) {

    public FleetFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = List.copyOf(evidence);
        places = List.copyOf(places);
        steps = List.copyOf(steps);
    }

    /** A node of one host's topology. */
    public record Place(String host, Id.Node node) {
    }
}
