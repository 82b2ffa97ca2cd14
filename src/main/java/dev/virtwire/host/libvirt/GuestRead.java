package dev.virtwire.host.libvirt;

import dev.virtwire.model.Guest;
import java.util.List;
import java.util.Optional;

/** One guest as read (empty when it vanished or could not be read) and what is missing or odd about it. */
record GuestRead(String name, Optional<Guest> guest, List<String> gaps) {

    GuestRead {
        gaps = List.copyOf(gaps);
    }
}
