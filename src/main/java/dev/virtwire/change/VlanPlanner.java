package dev.virtwire.change;

import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.VlanLinkOp;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.Scope;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Uplinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans "put this guest on VLAN 42": the VLAN link on the trunk, a bridge of its own on it, the NIC moved there;
 * one plan, previewed and undone as one. Not risky: the trunk itself is not touched, only a link added on it. Where a
 * manager owns the trunk (or will own new links), the VLAN link and its bridge are saved through it
 * ({@link SavedVlanPlanner}); live only, they are the kernel's own links, gone after a reboot.
 */
final class VlanPlanner {
    private final HostSnapshot s;
    private final Lookup lookup;
    private final Uplinks uplinks;
    private final HostReader host;

    VlanPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
        this.lookup = new Lookup(snapshot);
        this.uplinks = Uplinks.of(snapshot);
    }

    Plan putNicOnVlan(GuestIntent.PutNicOnVlan i) {
        Guest guest = lookup.guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        if (i.vlan() < 1 || i.vlan() > 4094) {
            throw new ChangeRefused(i.vlan() + " is not a VLAN id: use 1 to 4094");
        }
        if (!nic.vlans().isEmpty()) {
            throw new ChangeRefused(guest.name() + "'s NIC has libvirt <vlan> tags " + nic.vlans() + ", which a plain "
                    + "bridge does not apply and libvirt may refuse there: remove them first (virsh edit "
                    + guest.name() + "); the VLAN link then tags the NIC's frames");
        }
        Link trunk = i.trunk().map(t -> lookup.link(t, "trunk")).orElseGet(this::defaultTrunk);
        requireTrunk(trunk);
        Optional<Link> vlanLink = s.links().stream().filter(l -> l.kind() == LinkKind.VLAN)
                .filter(l -> l.parent().filter(trunk.name()::equals).isPresent() && l.vlanId().orElse(-1) == i.vlan())
                .findFirst();
        String vlanName = vlanLink.map(Link::name).orElseGet(() -> Input.link(trunk.name() + "." + i.vlan(),
                "VLAN link (from the trunk's name and the VLAN id)"));
        if (vlanLink.isEmpty() && s.link(vlanName).isPresent()) {
            throw new ChangeRefused("a link named " + vlanName + " exists, but is not VLAN " + i.vlan() + " on "
                    + trunk.name());
        }
        String bridgeName = Input.link(i.bridge().or(() -> vlanLink.flatMap(Link::master))
                .orElse("br" + i.vlan()), "bridge");
        vlanLink.flatMap(Link::master).filter(m -> !m.equals(bridgeName)).ifPresent(m -> {
            throw new ChangeRefused(vlanName + " is a port of " + m + " already: put the guest on " + m
                    + " (leave out --bridge)");
        });
        Optional<Link> bridge = s.link(bridgeName);
        bridge.ifPresent(b -> requireBridgeFor(b, vlanName));
        if (nic.type() == NicType.BRIDGE && nic.source().filter(bridgeName::equals).isPresent()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is on " + bridgeName + " already");
        }

        SavedScope scope = SavedScope.chooseOn(s, host, i.scope(), trunk.name(), List.of(vlanName, bridgeName));
        if (scope.saved()) {
            return saved(i, guest, nic, scope, new SavedVlanPlanner.NewVlan(trunk.name(), i.vlan(), vlanName,
                    bridgeName, bridge.isEmpty()), vlanLink, bridge);
        }
        List<Operation> ops = new ArrayList<>();
        if (vlanLink.isEmpty()) {
            ops.add(new VlanLinkOp(vlanName, trunk.name(), i.vlan(), true));
        }
        if (bridge.isEmpty()) {
            ops.add(new BridgeOp(bridgeName, BridgeSettings.KERNEL_DEFAULT,
                    Optional.of(StableMacs.forLinuxBridge(bridgeName)), true));
        }
        if (vlanLink.flatMap(Link::master).isEmpty()) {
            ops.add(new LinkMasterOp(vlanName, Optional.of(bridgeName), Optional.empty(), false));
        }
        if (vlanLink.map(l -> !l.adminUp()).orElse(true)) {
            ops.add(new LinkUpOp(vlanName, true, false));
        }
        if (bridge.map(b -> !b.adminUp()).orElse(true)) {
            ops.add(new LinkUpOp(bridgeName, true, false));
        }
        ops.add(attach(guest, nic, bridgeName, true));
        String note = vlanLink.flatMap(Link::master).isPresent() ? unsaved(List.of(vlanName, bridgeName))
                : scope.titleNote(s, host);
        return new Plan(i, i.describe() + " (" + vlanName + " in " + bridgeName + ")" + note, ops);
    }

    /**
     * Through the manager: a new VLAN link saved with its new bridge, or as the port of a bridge the same manager
     * saves ({@link SavedVlanPlanner}); both running and in each other already, only the NIC moves. A VLAN link that
     * runs in no bridge, or a bridge that runs but is not saved there, is not saved half: refused, with the ways out.
     */
    private Plan saved(GuestIntent.PutNicOnVlan i, Guest guest, GuestNic nic, SavedScope scope,
                       SavedVlanPlanner.NewVlan v, Optional<Link> vlanLink, Optional<Link> bridge) {
        String title = i.describe() + " (" + v.name() + " in " + v.bridge() + ")";
        if (vlanLink.flatMap(Link::master).isPresent()) { // in this bridge (checked above)
            return new Plan(i, title + unsaved(List.of(v.name(), v.bridge())), List.of(attach(guest, nic,
                    v.bridge(), scope.scope().live())));
        }
        if (vlanLink.isPresent()) {
            throw new ChangeRefused(v.name() + " runs already, in no bridge: through " + scope.manager().json()
                    + " Virtwire saves a new VLAN link only; delete " + v.name() + " (ip link delete " + v.name()
                    + ") and run this again, or use --scope live (gone after reboot)");
        }
        if (bridge.isPresent() && s.saved().owner(v.bridge()).filter(o -> o.owner() == scope.manager()).isEmpty()) {
            throw new ChangeRefused(v.bridge() + " runs already, but " + scope.manager().json() + " does not save it: "
                    + v.name() + " saved as its port would name a bridge nothing makes at boot; save the bridge first "
                    + "(the fix of the troubleshooter's not-saved finding), choose a bridge that does not exist yet (--bridge), "
                    + "or use --scope live (gone after reboot)");
        }
        List<Operation> ops = new ArrayList<>(new SavedVlanPlanner(s, host, scope).make(v));
        ops.add(attach(guest, nic, v.bridge(), scope.scope().live()));
        return new Plan(i, title + " through " + scope.manager().json() + (scope.scope().live() ? ""
                : ", saved only (from the next boot; the guest's NIC moves in its saved definition only)"), ops);
    }

    /** The NIC onto the bridge: in the saved definition, and in the running guest too where the bridge runs now. */
    private static AttachNicOp attach(Guest guest, GuestNic nic, String bridge, boolean bridgeRuns) {
        Scope scope = guest.isRunning() && bridgeRuns ? Scope.BOTH : Scope.CONFIG;
        return new AttachNicOp(guest.name(), nic.mac(), NicType.BRIDGE, bridge, nic.type(), nic.source().orElse(""),
                scope);
    }

    /** How a title says the reused VLAN link and bridge are not saved (none of them, where nothing is known). */
    private String unsaved(List<String> links) {
        if (!s.saved().read() || !host.changesSavedConfig()) {
            return "";
        }
        List<String> gone = links.stream().filter(l -> s.saved().owner(l).isEmpty()).toList();
        return gone.isEmpty() ? "" : " (" + String.join(" and ", gone) + " live only: gone after reboot)";
    }

    /**
     * Where the default route's VLANs come from: the parent of the VLAN link on the way out, else the lowest link
     * of the way out that is not a bridge and not a bond's slave (the bond itself, or the NIC).
     */
    private Link defaultTrunk() {
        List<Link> chain = uplinks.chain();
        Optional<Link> parentOfVlan = chain.stream().filter(l -> l.kind() == LinkKind.VLAN)
                .flatMap(l -> l.parent().flatMap(s::link).stream()).findFirst();
        return parentOfVlan.or(() -> chain.stream().filter(l -> l.kind() != LinkKind.BRIDGE)
                        .filter(l -> l.master().flatMap(s::link).map(m -> m.kind() != LinkKind.BOND).orElse(true))
                        .findFirst())
                .orElseThrow(() -> new ChangeRefused("the host has no default route to find its trunk by: say which "
                        + "link carries the VLANs (--trunk)"));
    }

    private void requireTrunk(Link trunk) {
        if (trunk.kind() == LinkKind.BRIDGE || trunk.kind() == LinkKind.TAP || trunk.kind() == LinkKind.LOOPBACK
                || trunk.kind() == LinkKind.MACVTAP) {
            throw new ChangeRefused(trunk.name() + " is a " + trunk.kind().json() + ": a VLAN link goes on the NIC, "
                    + "bond or VLAN that leads off the host");
        }
        trunk.master().flatMap(s::link).filter(m -> m.kind() == LinkKind.BOND).ifPresent(m -> {
            throw new ChangeRefused(trunk.name() + " is a slave of bond " + m.name() + ": put the VLAN on "
                    + m.name() + " (--trunk " + m.name() + ")");
        });
        if (!uplinks.leadsOffHost(trunk)) {
            throw new ChangeRefused(trunk.name() + " is a " + trunk.kind().json() + " that does not lead off the "
                    + "host: the trunk is a physical NIC, a bond, or a link carrying the default route");
        }
    }

    private void requireBridgeFor(Link bridge, String vlanName) {
        lookup.requireOwnBridge(bridge);
        List<String> otherWaysOut = uplinks.portsOf(bridge.name()).stream().map(Link::name)
                .filter(p -> !p.equals(vlanName)).toList();
        if (!otherWaysOut.isEmpty()) {
            throw new ChangeRefused(bridge.name() + " leads off the host through " + otherWaysOut + " already: "
                    + "a VLAN's bridge carries that VLAN only; choose another (--bridge)");
        }
    }
}
