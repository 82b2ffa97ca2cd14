package dev.virtwire.model.topology;

/** A typed, directed connection between two node ids (see {@link EdgeKind} for the direction). */
public record Edge(String from, String to, EdgeKind kind) {
}
