package dev.virtwire.change.op;

import dev.virtwire.model.Id;
import java.util.Optional;

/**
 * A running guest's NIC on a network and its tap, as the host showed them when the step was planned: after the
 * network restarts, that tap goes back into the network's bridge. {@code tap} is empty in journals written
 * before tap names were kept: the host is then asked for the NIC's tap when the step runs.
 */
public record GuestTap(Id.Nic nic, Optional<String> tap) {

    public GuestTap(Id.Nic nic, String tap) {
        this(nic, Optional.of(tap));
    }

    /** A NIC of a journal written before tap names were kept. */
    public static GuestTap unnamed(Id.Nic nic) {
        return new GuestTap(nic, Optional.empty());
    }
}
