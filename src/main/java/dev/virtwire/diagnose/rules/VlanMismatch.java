package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Link;
import dev.virtwire.model.topology.Node;
import java.util.List;
import java.util.Optional;

/**
 * The guest NIC asks for VLAN tags that its wiring does not apply: libvirt tags frames only on Open
 * vSwitch and some direct (SR-IOV) NICs; a plain Linux bridge passes them untagged. Per-port VLANs of a
 * VLAN-filtering bridge are not in the snapshot yet, so those are noted as not checked.
 */
public final class VlanMismatch implements Rule {

    @Override
    public List<Finding> check(Situation s) {
        List<Integer> tags = s.nic().vlans();
        if (tags.isEmpty() || s.path().bridge().isEmpty() || s.path().wiring() == Wiring.MACVTAP) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        Optional<Integer> uplinkVlan = s.path().uplinks().stream().flatMap(u -> s.link(u).stream())
                .map(Link::vlanId).filter(v -> v.isPresent()).map(v -> v.getAsInt()).findFirst();
        s.couldNotCheck("per-port VLANs of bridge " + bridge + " (bridge vlan show; not in the snapshot)");
        return List.of(Finding.of(Catalog.VLAN_MISMATCH, s.guestName() + "'s NIC asks for VLAN " + tags
                        + ", but Linux bridge " + bridge + " does not apply libvirt's tags")
                .withEvidence(s.guestName() + "'s <interface> has <vlan> tags " + tags,
                        uplinkVlan.map(v -> "the bridge's uplink is VLAN " + v + " already")
                                .orElse("the bridge's uplinks carry no VLAN of their own"))
                .withNodes(s.nicNode(), Node.linkId(bridge))
                .withSteps("bridge the guest to a VLAN link instead (ip link add link NIC name NIC."
                                + tags.get(0) + " type vlan id " + tags.get(0) + ", in a bridge of its own)",
                        "or remove the <vlan> element: virsh edit " + s.guestName()));
    }
}
