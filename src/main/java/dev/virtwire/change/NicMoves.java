package dev.virtwire.change;

import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;

/**
 * Where a guest NIC may be moved, decided from a snapshot alone: the one check the planner makes before it plans
 * "connect this NIC there", and the one the window asks while a NIC is dragged (many times a second, no host
 * round-trip). What libvirt itself would refuse on the host is the host's to say.
 */
public final class NicMoves {
    private NicMoves() {
    }

    /**
     * What putting a NIC onto a node of the topology means: onto a libvirt network, a Linux bridge, or a host
     * NIC (macvtap, for a physical NIC, a bond or a VLAN); empty when the node is none of those.
     */
    public static Optional<GuestIntent.AttachNic> onto(HostSnapshot snapshot, Id.Nic nic, Id.Node target) {
        if (target instanceof Id.Network n) {
            return Optional.of(move(nic, NicType.NETWORK, n.name()));
        }
        if (!(target instanceof Id.Link l)) {
            return Optional.empty();
        }
        return snapshot.link(l.name()).flatMap(link -> switch (link.kind()) {
            case BRIDGE -> Optional.of(move(nic, NicType.BRIDGE, link.name()));
            case PHYSICAL, BOND, VLAN -> Optional.of(move(nic, NicType.DIRECT, link.name()));
            default -> Optional.empty();
        });
    }

    private static GuestIntent.AttachNic move(Id.Nic nic, NicType type, String source) {
        return new GuestIntent.AttachNic(nic.guest(), nic.mac(), type, source, Scope.BOTH);
    }

    /**
     * Empty when the planner would plan this move; otherwise why not and what to do, in the user's words.
     *
     * @param suggested how a command it suggests is spelled for this host
     */
    public static Optional<String> refusal(HostSnapshot snapshot, GuestIntent.AttachNic move, SuggestedCommands suggested) {
        try {
            Lookup lookup = new Lookup(snapshot);
            Guest guest = lookup.guest(move.guest());
            check(lookup, guest, Lookup.nic(guest, move.mac()), move.type(), move.source(), move.scope(), suggested);
            return Optional.empty();
        } catch (ChangeRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws ChangeRefused saying why the NIC cannot go there with this scope, and what to do instead */
    static void check(Lookup lookup, Guest guest, GuestNic nic, NicType type, String source, Scope scope,
                      SuggestedCommands suggested) {
        switch (type) {
            case NETWORK -> {
                VirtualNetwork n = lookup.network(source);
                if (guest.isRunning() && scope.live() && !n.active()) {
                    throw new ChangeRefused("network " + source + " is not active: start it first (Start in its "
                            + "menu, or " + suggested.line("network", "start", source) + ")");
                }
            }
            case BRIDGE -> lookup.bridge(source);
            case DIRECT -> lookup.hostNic(source);
            default -> throw new ChangeRefused("a NIC can be attached to a network, a bridge or a host NIC (direct); "
                    + "not to '" + type.json() + "'");
        }
        if (nic.type() == type && nic.source().filter(source::equals).isPresent()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is on " + type.json() + " " + source
                    + " already");
        }
        if (!guest.isRunning() && scope == Scope.LIVE) {
            throw new ChangeRefused(guest.name() + " is not running: only its stored configuration can change "
                    + "(scope config or both)");
        }
    }
}
