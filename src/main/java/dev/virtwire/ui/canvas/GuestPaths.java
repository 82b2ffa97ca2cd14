package dev.virtwire.ui.canvas;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.Id;
import dev.virtwire.model.topology.NicWiring;
import dev.virtwire.model.topology.Topology;
import dev.virtwire.ui.canvas.DiagramEdge.Style;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How the canvas draws a guest NIC's wiring as the topology has it ({@link NicWiring}): agreement of the wire
 * (NIC, tap, the bridge the tap is a port of) with the configuration as one clean path; disagreement as an extra
 * red line to the configured place, so a guest in trouble stands out.
 */
final class GuestPaths {
    private final Topology topology;
    private final UnaryOperator<Id.Node> visible;
    private final String notWired;

    /**
     * @param visible  the node whose box shows a node (a network for the bridge it absorbed)
     * @param notWired the label of a line to where a NIC is configured but not wired
     */
    GuestPaths(Topology topology, UnaryOperator<Id.Node> visible, String notWired) {
        this.topology = topology;
        this.visible = visible;
        this.notWired = notWired;
    }

    /** The box a guest hangs from (that of its first NIC): guests are grouped and ordered by it. */
    Optional<Id.Node> home(Guest guest) {
        return guest.nics().stream().findFirst().flatMap(nic -> upward(wiring(guest, nic)));
    }

    /** The box right above the NIC's tap (or above the NIC itself when it has none). */
    private Optional<Id.Node> upward(NicWiring w) {
        Optional<Id.Node> configured = w.configured().map(visible);
        if (w.pluggedInto().isEmpty() || w.agrees()) {
            return configured.or(() -> w.pluggedInto().map(visible));
        }
        return w.pluggedInto().map(visible);
    }

    List<DiagramEdge> edges(Guest guest, GuestNic nic) {
        NicWiring w = wiring(guest, nic);
        // a line that is no wire: broken where a tap is elsewhere or a running guest has none; else configured only
        Style notWire = w.tap().isPresent() || guest.isRunning() ? Style.BROKEN : Style.CONFIGURED;
        String label = w.tap().isPresent() ? notWired : null;
        return w.lines().stream().map(l -> edge(BoxKey.of(visible.apply(l.from())), BoxKey.of(visible.apply(l.to())),
                l.wire() ? Style.WIRE : notWire, l.wire() ? null : label)).toList();
    }

    private NicWiring wiring(Guest guest, GuestNic nic) {
        return topology.wiring(new Id.Nic(guest.name(), nic.mac()));
    }

    private static DiagramEdge edge(BoxKey from, BoxKey to, Style style, String label) {
        return new DiagramEdge(from, to, style, Optional.ofNullable(label));
    }
}
