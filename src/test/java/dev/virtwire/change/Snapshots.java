package dev.virtwire.change;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Instant;
import java.util.Comparator;

/** Snapshots compared for what they say, not for list order or the time they were taken. */
final class Snapshots {
    private Snapshots() {
    }

    static HostSnapshot normalized(HostSnapshot s) {
        return s.withTakenAt(Instant.EPOCH)
                .withLinks(s.links().stream().sorted(Comparator.comparing(Link::name)).toList())
                .withRoutes(s.routes().stream().sorted(Comparator.comparing(Route::toString)).toList())
                .withNetworks(s.networks().stream().sorted(Comparator.comparing(VirtualNetwork::name)).toList());
    }
}
