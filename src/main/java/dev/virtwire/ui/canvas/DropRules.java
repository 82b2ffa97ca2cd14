package dev.virtwire.ui.canvas;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;

/**
 * Where a guest NIC can be dropped, answered from the snapshot alone so the canvas can light up targets
 * while dragging without asking the host. The change layer's planner still has the final word on drop.
 */
public final class DropRules {
    private final HostSnapshot snapshot;

    public DropRules(HostSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** A NIC moved onto a box: which NIC, and where to. */
    public record Move(String guest, String mac, NicType type, String source) {
    }

    public static boolean isTarget(DiagramNode box) {
        return box.kind() == DiagramNode.Kind.NETWORK || box.kind() == DiagramNode.Kind.BRIDGE
                || (box.kind() == DiagramNode.Kind.HOST_NIC && box.id().startsWith("link:"));
    }

    /** The NIC a dragged element stands for: the NIC itself, or a guest's only NIC. */
    public Optional<GuestNic> nicOf(String dragged) {
        if (dragged.startsWith("nic:")) {
            String[] guestMac = dragged.substring(4).split("/", 2);
            return snapshot.guest(guestMac[0]).flatMap(g -> g.nic(guestMac[1]));
        }
        return guestOf(dragged).filter(g -> g.nics().size() == 1).map(g -> g.nics().get(0));
    }

    public Optional<Guest> guestOf(String dragged) {
        String name = dragged.startsWith("nic:") ? dragged.substring(4).split("/", 2)[0]
                : dragged.startsWith("guest:") ? dragged.substring(6) : "";
        return snapshot.guest(name);
    }

    /** Empty when the move is possible; otherwise why not and what to do, in the user's words. */
    public Optional<String> refusal(String dragged, DiagramNode box) {
        Optional<Guest> guest = guestOf(dragged);
        if (guest.isEmpty()) {
            return Optional.of("only guests and their NICs can be connected to a bridge or network");
        }
        if (guest.get().nics().isEmpty()) {
            return Optional.of(guest.get().name() + " has no NIC to connect");
        }
        Optional<GuestNic> nic = nicOf(dragged);
        if (nic.isEmpty()) {
            return Optional.of(guest.get().name() + " has " + guest.get().nics().size()
                    + " NICs: drag the NIC you want to move (the ports on top of its card)");
        }
        Move move = move(guest.get(), nic.get(), box).orElse(null);
        if (move == null) {
            return Optional.of(box.title() + " is not a bridge, network or host NIC a guest can use");
        }
        if (nic.get().type() == move.type() && nic.get().source().filter(move.source()::equals).isPresent()) {
            return Optional.of(nic.get().mac() + " is already connected to " + box.title());
        }
        if (move.type() == NicType.NETWORK) {
            VirtualNetwork network = snapshot.network(move.source()).orElseThrow();
            if (!network.active() && guest.get().isRunning()) {
                return Optional.of("network " + network.name() + " is not active: start it first (its menu: Start)");
            }
        }
        if (move.type() == NicType.DIRECT && guest.get().isRunning()) {
            return Optional.of("a running guest's NIC cannot become macvtap: shut " + guest.get().name()
                    + " down first, or use a macvtap network");
        }
        return Optional.empty();
    }

    /** What dropping a NIC on a box means, when it means anything. */
    public Optional<Move> move(Guest guest, GuestNic nic, DiagramNode box) {
        String id = box.id();
        if (id.startsWith("network:")) {
            return Optional.of(new Move(guest.name(), nic.mac(), NicType.NETWORK, id.substring(8)));
        }
        Optional<Link> link = id.startsWith("link:") ? snapshot.link(id.substring(5)) : Optional.empty();
        if (link.isEmpty()) {
            return Optional.empty();
        }
        return switch (link.get().kind()) {
            case BRIDGE -> Optional.of(new Move(guest.name(), nic.mac(), NicType.BRIDGE, link.get().name()));
            case PHYSICAL, BOND, VLAN -> Optional.of(new Move(guest.name(), nic.mac(), NicType.DIRECT, link.get().name()));
            default -> Optional.empty();
        };
    }
}
