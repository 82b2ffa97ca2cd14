package dev.virtwire.host;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;

/**
 * The host changed: the snapshot after the change, and the topology nodes it touched (empty when
 * unknown, e.g. after a full refresh).
 */
public record HostChange(HostSnapshot snapshot, List<Id.Node> touched) {

    public HostChange {
        touched = List.copyOf(touched);
    }
}
