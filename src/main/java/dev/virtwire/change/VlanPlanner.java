package dev.virtwire.change;

import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.VlanLinkOp;
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
 * one plan, previewed and undone as one. Not risky: the trunk itself is not touched, only a link added on it.
 */
final class VlanPlanner {
    private final HostSnapshot s;
    private final Lookup lookup;
    private final Uplinks uplinks;

    VlanPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
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
        Scope scope = guest.isRunning() ? Scope.BOTH : Scope.CONFIG;
        ops.add(new AttachNicOp(guest.name(), nic.mac(), NicType.BRIDGE, bridgeName, nic.type(),
                nic.source().orElse(""), scope));
        return new Plan(i, i.describe() + " (" + vlanName + " in " + bridgeName + ")", ops);
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
