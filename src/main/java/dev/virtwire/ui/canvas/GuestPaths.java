package dev.virtwire.ui.canvas;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.canvas.DiagramEdge.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a guest NIC really goes (NIC, tap, the bridge the tap is a port of) versus where libvirt's
 * configuration says it should go. Agreement is drawn as one clean path; disagreement as an extra red
 * line to the configured place, so a guest in trouble stands out.
 */
final class GuestPaths {
    private final HostSnapshot snapshot;
    private final UnaryOperator<String> visible;
    private final String notWired;

    /** @param notWired the label of a line to where a NIC is configured but not wired */
    GuestPaths(HostSnapshot snapshot, UnaryOperator<String> visible, String notWired) {
        this.snapshot = snapshot;
        this.visible = visible;
        this.notWired = notWired;
    }

    /** The box a guest hangs from (that of its first NIC): guests are grouped and ordered by it. */
    String home(Guest guest) {
        return guest.nics().stream().findFirst().flatMap(this::upward).orElse("none");
    }

    /** The box right above the NIC's tap (or above the NIC itself when it has none). */
    Optional<String> upward(GuestNic nic) {
        Optional<String> configured = configured(nic);
        Optional<String> actual = tap(nic).flatMap(this::actual);
        if (actual.isEmpty()) {
            return configured;
        }
        return configured.filter(c -> reach(nic).contains(actual.get())).or(() -> actual);
    }

    List<DiagramEdge> edges(Guest guest, GuestNic nic) {
        String nicId = new Id.Nic(guest.name(), nic.mac()).text();
        List<DiagramEdge> lines = new ArrayList<>();
        Optional<String> configured = configured(nic);
        Optional<Link> tap = tap(nic);
        if (tap.isPresent()) {
            String tapId = new Id.Link(tap.get().name()).text();
            lines.add(edge(nicId, tapId, Style.WIRE, null));
            Optional<String> actual = actual(tap.get());
            boolean agrees = actual.isPresent() && configured.isPresent() && reach(nic).contains(actual.get());
            if (agrees) {
                lines.add(edge(tapId, configured.get(), Style.WIRE, null));
            } else {
                actual.ifPresent(a -> lines.add(edge(tapId, a, Style.WIRE, null)));
                configured.ifPresent(c -> lines.add(edge(nicId, c, Style.BROKEN, notWired)));
            }
        } else {
            Style style = guest.isRunning() ? Style.BROKEN : Style.CONFIGURED;
            configured.ifPresent(c -> lines.add(edge(nicId, c, style, null)));
        }
        return lines;
    }

    private static DiagramEdge edge(String from, String to, Style style, String label) {
        return new DiagramEdge(from, to, style, Optional.ofNullable(label));
    }

    private Optional<Link> tap(GuestNic nic) {
        return nic.target().flatMap(snapshot::link);
    }

    /** The bridge a tap is a port of, or the host NIC a macvtap sits on. */
    private Optional<String> actual(Link tap) {
        if (tap.kind() == LinkKind.MACVTAP) {
            return tap.parent().map(p -> visible.apply(new Id.Link(p).text()));
        }
        return tap.master().map(m -> visible.apply(new Id.Link(m).text()));
    }

    private Optional<String> configured(GuestNic nic) {
        return nic.source().flatMap(source -> switch (nic.type()) {
            case NETWORK -> snapshot.network(source).map(n -> new Id.Network(n.name()).text());
            case BRIDGE -> Optional.of(visible.apply(new Id.Link(source).text()));
            case DIRECT -> Optional.of(new Id.Link(source).text());
            default -> Optional.empty();
        });
    }

    /** Every box a correctly wired NIC of this configuration may hang from. */
    private Set<String> reach(GuestNic nic) {
        Optional<VirtualNetwork> network = nic.type() == dev.virtwire.model.NicType.NETWORK
                ? nic.source().flatMap(snapshot::network) : Optional.empty();
        if (network.isEmpty()) {
            return configured(nic).map(Set::of).orElse(Set.of());
        }
        List<String> ids = new ArrayList<>();
        ids.add(new Id.Network(network.get().name()).text());
        network.get().bridge().ifPresent(b -> ids.add(visible.apply(new Id.Link(b).text())));
        network.get().devices().forEach(d -> ids.add(new Id.Link(d).text()));
        return Set.copyOf(ids);
    }
}
