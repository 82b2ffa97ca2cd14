package dev.virtwire.model.fleet;

import dev.virtwire.model.HostSnapshot;
import java.util.Objects;

/**
 * One host of a fleet as it was found: read, or down with the reason (its error), so that a host that does not
 * answer is shown as such beside the others instead of holding them up.
 */
public sealed interface FleetHost {
    /** The name the fleet list gives the host (e.g. kvm1). */
    String name();

    /** The libvirt URI it is reached at. */
    String uri();

    record Up(String name, String uri, HostSnapshot snapshot) implements FleetHost {
        public Up {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    record Down(String name, String uri, String reason) implements FleetHost {
        public Down {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
