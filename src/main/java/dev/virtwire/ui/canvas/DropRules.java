package dev.virtwire.ui.canvas;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.NicMoves;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.Optional;

/**
 * Where a dragged guest card or NIC port may be dropped, answered from the snapshot alone so the canvas can light
 * up targets while dragging without asking the host. What the gesture means is the canvas's (which NIC, which
 * box); whether the move is allowed is the planner's own check ({@link NicMoves}), so the canvas never lights a
 * target the planner would refuse, nor refuses one it would plan.
 */
public final class DropRules {
    private final HostSnapshot snapshot;
    private final SuggestedCommands suggested;

    /** @param suggested how a refusal spells the command it suggests, for the host shown */
    public DropRules(HostSnapshot snapshot, SuggestedCommands suggested) {
        this.snapshot = snapshot;
        this.suggested = suggested;
    }

    /** Networks, bridges and host NICs: the boxes a NIC can be dropped on at all. */
    public static boolean isTarget(DiagramNode box) {
        return switch (box.kind()) {
            case NETWORK, BRIDGE -> true;
            case HOST_NIC -> box.id() instanceof BoxKey.Element e && e.id() instanceof Id.Link;
            default -> false;
        };
    }

    public Optional<Guest> guestOf(BoxKey dragged) {
        if (!(dragged instanceof BoxKey.Element e)) {
            return Optional.empty();
        }
        if (e.id() instanceof Id.Nic nic) {
            return snapshot.guest(nic.guest());
        }
        return e.id() instanceof Id.Guest g ? snapshot.guest(g.name()) : Optional.empty();
    }

    /** The NIC a dragged element stands for: the NIC itself, or a guest's only NIC. */
    public Optional<GuestNic> nicOf(BoxKey dragged) {
        Optional<Guest> guest = guestOf(dragged);
        if (dragged instanceof BoxKey.Element e && e.id() instanceof Id.Nic nic) {
            return guest.flatMap(g -> g.nic(nic.mac()));
        }
        return guest.filter(g -> g.nics().size() == 1).map(g -> g.nics().get(0));
    }

    /** The change a drop asks for, when it means one. */
    public Optional<GuestIntent.AttachNic> move(BoxKey dragged, DiagramNode box) {
        Optional<Guest> guest = guestOf(dragged);
        Optional<GuestNic> nic = nicOf(dragged);
        if (guest.isEmpty() || nic.isEmpty() || !(box.id() instanceof BoxKey.Element target)) {
            return Optional.empty();
        }
        return NicMoves.onto(snapshot, new Id.Nic(guest.get().name(), nic.get().mac()), target.id());
    }

    /** Empty when the drop would be planned; otherwise why not and what to do, in the user's words. */
    public Optional<String> refusal(BoxKey dragged, DiagramNode box) {
        Optional<Guest> guest = guestOf(dragged);
        if (guest.isEmpty()) {
            return Optional.of("only guests and their NICs can be connected to a bridge or network");
        }
        if (guest.get().nics().isEmpty()) {
            return Optional.of(guest.get().name() + " has no NIC to connect");
        }
        if (nicOf(dragged).isEmpty()) {
            return Optional.of(guest.get().name() + " has " + guest.get().nics().size()
                    + " NICs: drag the NIC you want to move (the ports on top of its card)");
        }
        Optional<GuestIntent.AttachNic> move = move(dragged, box);
        if (move.isEmpty()) {
            return Optional.of(box.title() + " is not a bridge, network or host NIC a guest can use");
        }
        return NicMoves.refusal(snapshot, move.get(), suggested);
    }
}
