package dev.virtwire.model.topology;

import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One guest NIC as the graph has it: the tap libvirt made for it and what that tap is plugged into (the wire),
 * against what the NIC's configuration names and every node such a NIC may rightly be plugged into (a
 * network, its bridge, its devices). Only nodes the host has: a reference to something absent is no edge.
 *
 * @param pluggedInto the bridge the tap is a port of, or the host NIC a macvtap sits on
 * @param configured  the network, bridge or host NIC the configuration names
 * @param fitting     the configured node and, for a network, its bridge and devices
 */
public record NicWiring(Id.Nic nic, Optional<Id.Link> tap, Optional<Id.Node> pluggedInto,
                        Optional<Id.Node> configured, Set<Id.Node> fitting) {

    public NicWiring {
        fitting = Set.copyOf(fitting);
    }

    /** The wire goes where the configuration says. */
    public boolean agrees() {
        return pluggedInto.filter(fitting::contains).isPresent();
    }

    /**
     * The lines that show the NIC, as the canvas and the dot export draw them: a wire to its tap, from the tap to
     * where the configuration says when the wire agrees, else to what the tap is plugged into, plus a line to
     * the configured place, not a wire; without a tap, only that line.
     */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        if (tap.isPresent()) {
            lines.add(new Line(nic, tap.get(), true));
            if (agrees() && configured.isPresent()) {
                lines.add(new Line(tap.get(), configured.get(), true));
                return lines;
            }
            pluggedInto.ifPresent(p -> lines.add(new Line(tap.get(), p, true)));
        }
        configured.ifPresent(c -> lines.add(new Line(nic, c, false)));
        return lines;
    }

    /** One line of a NIC's drawing; {@code wire} when it is a real cable, not only configuration. */
    public record Line(Id.Node from, Id.Node to, boolean wire) {
    }
}
