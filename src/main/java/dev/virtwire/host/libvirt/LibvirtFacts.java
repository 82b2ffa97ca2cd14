package dev.virtwire.host.libvirt;

import dev.virtwire.model.Guest;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;

/** What libvirt says about a host: its name and version, networks, guests (with addresses), and gaps. */
record LibvirtFacts(String hostName, Optional<String> version, List<VirtualNetwork> networks, List<Guest> guests,
                    List<String> gaps) {

    LibvirtFacts {
        networks = List.copyOf(networks);
        guests = List.copyOf(guests);
        gaps = List.copyOf(gaps);
    }
}
