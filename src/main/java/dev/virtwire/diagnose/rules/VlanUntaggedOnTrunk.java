package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A guest's NIC asks for a VLAN (libvirt's {@code <vlan>} tag), but it is bridged by a plain Linux bridge
 * straight onto the uplink's trunk: a plain bridge applies no tags, so the guest's frames leave untagged, in the
 * trunk's native VLAN, not in the one it asked for. The host carries a VLAN to a guest as a VLAN link on the
 * trunk in a bridge of its own.
 */
public final class VlanUntaggedOnTrunk implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.VLAN_UNTAGGED_ON_TRUNK);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().wiring() != Wiring.BRIDGED || s.path().bridge().isEmpty() || s.nic().vlans().isEmpty()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        if (s.link(bridge).flatMap(Link::bridge).map(BridgeSettings::vlanFiltering).orElse(false)) {
            return List.of();
        }
        int vlan = s.nic().vlans().get(0);
        // a trunk: VLAN links of the host sit on it (a port without any is a plain LAN port: vlan-mismatch says it)
        return s.path().uplinks().stream().flatMap(u -> s.link(u).stream())
                .filter(trunk -> trunk.kind() != LinkKind.VLAN && !vlansOn(s, trunk).isEmpty()).findFirst()
                .map(trunk -> List.of(finding(s, bridge, trunk, vlan))).orElse(List.of());
    }

    private static List<Link> vlansOn(Situation s, Link trunk) {
        return s.snapshot().links().stream().filter(l -> l.kind() == LinkKind.VLAN)
                .filter(l -> l.parent().filter(trunk.name()::equals).isPresent()).toList();
    }

    private static Finding finding(Situation s, String bridge, Link trunk, int vlan) {
        List<Link> vlansOnTrunk = vlansOn(s, trunk);
        Optional<Link> wanted = vlansOnTrunk.stream().filter(l -> l.vlanId().orElse(-1) == vlan).findFirst();
        String carried = "VLAN links on " + trunk.name() + ": " + String.join(", ", vlansOnTrunk.stream()
                .map(l -> l.name() + " (" + l.vlanId().orElse(-1) + ")").toList());
        Finding finding = Finding.of(Catalog.VLAN_UNTAGGED_ON_TRUNK, s.guestName() + "'s NIC asks for VLAN " + vlan
                        + ", but leaves untagged on trunk " + trunk.name() + " through plain bridge " + bridge)
                .withEvidence(s.guestName() + "'s <interface> has <vlan> tags " + s.nic().vlans(),
                        "bridge " + bridge + ": vlan_filtering 0 (a plain bridge applies no tags)",
                        bridge + "'s port to the LAN is " + trunk.name() + ", a " + trunk.kind().json() + ", not a "
                                + "VLAN link", carried)
                .withNodes(s.nicNode(), new Id.Link(bridge), new Id.Link(trunk.name()));
        String vlanLink = wanted.map(Link::name).orElse(trunk.name() + "." + vlan);
        String vlanBridge = wanted.flatMap(Link::master).orElse("br" + vlan);
        return finding.withSteps("remove the <vlan> tag from " + s.guestName() + "'s NIC (virsh edit "
                        + s.guestName() + "): a plain bridge does not apply it",
                "then put the NIC on VLAN " + vlan + " through " + vlanLink + (wanted.isPresent() ? "" : " (made on "
                        + trunk.name() + ")") + " in bridge " + vlanBridge + ", in one undoable step: virtwire uplink "
                        + "vlan " + s.guestName() + " --nic " + s.nic().mac() + " --vlan " + vlan + " --trunk "
                        + trunk.name());
    }
}
