package dev.virtwire.model.topology;

import dev.virtwire.model.Id;

/**
 * A topology node. Ids are stable across refreshes so views can keep positions: {@code outside},
 * {@code link:eth0}, {@code network:default}, {@code guest:web1}, {@code nic:web1/52:54:00:12:34:56}.
 */
public record Node(Id.Node id, NodeKind kind, String label) {

    /** Ids are unique: hashing the id alone (thousands of nodes per topology) spares hashing every field. */
    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
