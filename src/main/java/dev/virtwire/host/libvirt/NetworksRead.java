package dev.virtwire.host.libvirt;

import dev.virtwire.model.VirtualNetwork;
import java.util.List;

/** The libvirt networks, in name order, and those that could not be read. */
record NetworksRead(List<VirtualNetwork> networks, List<String> gaps) {

    NetworksRead {
        networks = List.copyOf(networks);
        gaps = List.copyOf(gaps);
    }
}
