package dev.virtwire.ui.canvas;

import dev.virtwire.model.Id;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One box on the canvas. A box may stand for several topology nodes (a libvirt network and the bridge it
 * runs on; a guest and its NICs; a collapsed group of guests), listed in {@code members} so that search,
 * selection and change events can find it.
 *
 * @param id      the main element (network:default, guest:web1, link:eth0) or the group the box stands for
 * @param kind    how it is drawn
 * @param layer   0 = outside at the top ... 4 = guests at the bottom
 * @param title   the name, always shown
 * @param details short facts under the title (mode, bridge, addresses); hidden when zoomed far out
 * @param nics    the guest's NICs, drawn as ports on the card's top edge (guests only)
 * @param style   extra CSS classes: state (down, inactive, off, paused, error) and network mode (mode-nat ...)
 * @param members the topology elements the box shows besides its own (a network's bridge, a guest's NICs)
 * @param terms   what search matches: names, MACs, IPs, in lower case
 * @param saved   how it differs from what the network manager saved, when it does (host links only)
 */
public record DiagramNode(BoxKey id, Kind kind, int layer, String title, List<String> details, List<NicPort> nics,
                          List<String> style, List<Id.Node> members, List<String> terms, Optional<SavedMark> saved) {

    public enum Kind { OUTSIDE, HOST_NIC, BRIDGE, NETWORK, TAP, GUEST, GROUP }

    public DiagramNode {
        details = List.copyOf(details);
        nics = List.copyOf(nics);
        style = List.copyOf(style);
        members = List.copyOf(members);
        terms = List.copyOf(terms);
        Objects.requireNonNull(saved, "saved");
    }

    /** A box with nothing to say about saved configuration. */
    public DiagramNode(BoxKey id, Kind kind, int layer, String title, List<String> details, List<NicPort> nics,
                       List<String> style, List<Id.Node> members, List<String> terms) {
        this(id, kind, layer, title, details, nics, style, members, terms, Optional.empty());
    }

    public Optional<NicPort> nic(BoxKey key) {
        return nics.stream().filter(n -> n.key().equals(key)).findFirst();
    }

    /** Where a NIC port's centre sits, measured from the card's left edge (ports share the width evenly). */
    public double portCenter(BoxKey key) {
        for (int i = 0; i < nics.size(); i++) {
            if (nics.get(i).key().equals(key)) {
                return width() * (i + 0.5) / nics.size();
            }
        }
        return width() / 2;
    }

    /** Width on the canvas; fixed per kind so that the layout does not depend on fonts. */
    public double width() {
        return switch (kind) {
            case OUTSIDE -> 190;
            case HOST_NIC -> 150;
            case BRIDGE, NETWORK -> 190;
            case TAP -> 112;
            case GUEST -> Math.max(150, nics.size() * 142 + 8);
            case GROUP -> 210;
        };
    }

    /**
     * Fixed per kind, one line taller for a box marked as not saved (its amber line) and for each detail past the
     * two a link or network box has room for (a dual-stack network's IPv6 prefix).
     */
    public double height() {
        double extra = kind == Kind.BRIDGE || kind == Kind.NETWORK || kind == Kind.HOST_NIC
                ? Math.max(0, details.size() - 2) * EXTRA_LINE : 0;
        return (saved.isPresent() ? 16 : 0) + kindHeight() + extra;
    }

    private static final double EXTRA_LINE = 14;

    private double kindHeight() {
        return switch (kind) {
            case TAP -> 30;
            case GROUP -> 70;
            case GUEST -> 96 + (nics.stream().anyMatch(n -> n.label6().isPresent()) ? EXTRA_LINE : 0);
            case BRIDGE, NETWORK, HOST_NIC -> 74;
            default -> 60;
        };
    }

    /**
     * A guest NIC drawn as a port of its guest's card.
     *
     * @param id      the NIC
     * @param label   the first address, or "no address"
     * @param label6  its first global IPv6 address, beside the IPv4 one, when it has one
     * @param style   CSS classes (down when the virtual cable is unplugged)
     */
    public record NicPort(Id.Nic id, String label, Optional<String> label6, List<String> style) {
        public NicPort {
            style = List.copyOf(style);
        }

        /** The port's key: lines end at it, and it can be selected on its own. */
        public BoxKey key() {
            return BoxKey.of(id);
        }
    }
}
