package dev.virtwire.model.topology;

import dev.virtwire.model.Id;

/** A typed, directed connection between two nodes (see {@link EdgeKind} for the direction). */
public record Edge(Id.Node from, Id.Node to, EdgeKind kind) {
}
