package dev.virtwire.change;

import java.util.Optional;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.HostReader;
import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans "off macvtap, onto a new bridge over its host NIC" as one change. The kernel refuses to bridge a NIC
 * that carries a macvtap, so the order is: the bridge made ready, the guest's NIC moved off macvtap onto it
 * (one unplug and plug), then the host NIC bridged with its addresses, routes and MAC under the revert timer of
 * {@link UplinkPlanner}. A step that fails takes back the ones before it; one undo takes back all of them.
 */
final class MacvtapBridgePlanner {
    private final HostSnapshot s;
    private final HostReader host;
    private final SuggestedCommands suggested;

    MacvtapBridgePlanner(HostSnapshot snapshot, HostReader host, SuggestedCommands suggested) {
        this.s = snapshot;
        this.host = host;
        this.suggested = suggested;
    }

    Plan plan(GuestIntent.MacvtapToNewBridge i) {
        Guest guest = new Lookup(s).guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        if (nic.type() != NicType.DIRECT || nic.source().isEmpty()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is not on macvtap (it is on "
                    + nic.type().json() + " " + nic.source().orElse("?") + "): move it with virtwire attach");
        }
        String parent = nic.source().get();
        List<String> others = s.links().stream().filter(l -> l.kind() == LinkKind.MACVTAP)
                .filter(l -> l.parent().filter(parent::equals).isPresent())
                .filter(l -> nic.target().filter(l.name()::equals).isEmpty()).map(Link::name).toList();
        if (!others.isEmpty()) {
            throw new ChangeRefused(parent + " carries other macvtaps too (" + Lookup.list(others) + "): the kernel "
                    + "does not bridge a NIC with a macvtap on it; move those guests' NICs off " + parent + " first");
        }
        // the one change bridges in the running kernel only: behind a manager's back it would be undone
        SavedScope saving = SavedScope.choose(s, host, Optional.empty(), List.of(parent), false);
        if (saving.saved()) {
            throw new ChangeRefused(parent + " is owned by " + saving.manager() + ", which would undo a bridge made "
                    + "behind its back: bridge it through " + saving.manager() + " first (" + suggested.line("uplink",
                    "bridge", parent, "--bridge", i.bridge()) + "), then move the NIC there (" + suggested.line("attach",
                    guest.name(), "--nic", nic.mac(), "--to", "bridge:" + i.bridge()) + ")");
        }
        UplinkPlanner.Steps bridging = new UplinkPlanner(s, host).steps(new LinkIntent.BridgeUplink(parent, i.bridge(), true,
                i.confirmWithinSeconds()));
        // a shut-off guest has no macvtap: only its stored configuration moves
        Scope scope = guest.isRunning() ? Scope.BOTH : Scope.CONFIG;
        List<Operation> ops = new ArrayList<>(bridging.bridgeReady());
        ops.add(new AttachNicOp(guest.name(), nic.mac(), NicType.BRIDGE, i.bridge(), NicType.DIRECT, parent, scope));
        ops.addAll(UplinkPlanner.underRevertTimer(i.confirmWithinSeconds(), bridging.nicMoved()));
        return new Plan(i, "Move " + guest.name() + "'s NIC " + nic.mac() + " off macvtap on " + parent
                + " onto bridge " + i.bridge() + ", with " + parent + " bridged into it (confirm within "
                + i.confirmWithinSeconds() + " s)" + saving.titleNote(s, host), ops);
    }
}
