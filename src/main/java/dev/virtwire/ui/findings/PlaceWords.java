package dev.virtwire.ui.findings;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.Messages;
import java.util.Optional;

/**
 * A node of a host's graph in the window's words, where a finding names it: "network lan-dhcp", "guest g1 NIC
 * 52:54:00:77:00:01", and a link by its kind as the canvas and the inspector call it ("bridge br0", "veth eth9",
 * "host NIC eth0"; "link eth9" when the host's snapshot is not at hand).
 */
final class PlaceWords {
    private PlaceWords() {
    }

    static String of(Messages text, Id.Node node, Optional<HostSnapshot> host) {
        if (node instanceof Id.Network n) {
            return text.format("place.network", n.name());
        } else if (node instanceof Id.Guest g) {
            return text.format("place.guest", g.name());
        } else if (node instanceof Id.Nic n) {
            return text.format("place.nic", n.guest(), n.mac());
        } else if (node instanceof Id.Link l) {
            return host.flatMap(s -> s.link(l.name())).map(k -> text.get("link." + k.kind().json()))
                    .orElse(text.get("link.other")) + " " + l.name();
        }
        return text.get("outside.title");
    }
}
