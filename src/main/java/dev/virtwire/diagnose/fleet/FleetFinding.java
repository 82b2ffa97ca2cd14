package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something wrong between hosts of a fleet.
 *
 * @param id       a stable id from the {@link FleetCatalog}
 * @param evidence the facts read on each host that show it, each line naming its host
 * @param places   the graph elements involved, each on its host
 * @param steps    what to do by hand
 * @param fixes    one-click repairs, each a change of one host alone, where the finding itself says which change:
 *                 the first is the one offered; the others the same repair made on another host instead (a
 *                 duplicate MAC changed on the other guest), for the user who names that host
 */
public record FleetFinding(String id, Severity severity, String title, List<String> evidence, List<Place> places,
                           List<String> steps, List<HostFix> fixes) {

    public FleetFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = List.copyOf(evidence);
        places = List.copyOf(places);
        steps = List.copyOf(steps);
        fixes = List.copyOf(fixes);
    }

    public FleetFinding(String id, Severity severity, String title, List<String> evidence, List<Place> places,
                        List<String> steps, Optional<HostFix> fix) {
        this(id, severity, title, evidence, places, steps, fix.stream().toList());
    }

    /** The one-click repair offered. */
    public Optional<HostFix> fix() {
        return fixes.stream().findFirst();
    }

    /** The repair made on this host: the one offered, or one of its others. */
    public Optional<HostFix> fixOn(String host) {
        return fixes.stream().filter(f -> f.host().equals(host)).findFirst();
    }

    /** A finding with its steps by hand only. */
    public FleetFinding(String id, Severity severity, String title, List<String> evidence, List<Place> places,
                        List<String> steps) {
        this(id, severity, title, evidence, places, steps, List.of());
    }

    public FleetFinding withFix(HostFix newFix) {
        return new FleetFinding(id, severity, title, evidence, places, steps, List.of(newFix));
    }

    /** A node of one host's topology. */
    public record Place(String host, Id.Node node) {
    }

    /**
     * A fix made on one host of the fleet: planned, previewed, applied, verified and kept in that host's own
     * history (undone there) like a fix of that host's own troubleshooter.
     */
    public record HostFix(String host, Fix fix) {
        public HostFix {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(fix, "fix");
        }
    }
}
