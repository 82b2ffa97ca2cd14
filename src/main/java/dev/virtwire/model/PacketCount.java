package dev.virtwire.model;

/** A rule's counter: packets and bytes it matched since it was made or zeroed. */
public record PacketCount(long packets, long bytes) {

    /** What was counted between this reading and a later one (never negative: a zeroed counter counts anew). */
    public PacketCount since(PacketCount earlier) {
        return packets >= earlier.packets ? new PacketCount(packets - earlier.packets, bytes - earlier.bytes) : this;
    }
}
