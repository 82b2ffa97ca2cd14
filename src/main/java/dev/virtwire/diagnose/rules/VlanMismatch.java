package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.BridgePort;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The guest's frames end up in a VLAN the other end does not carry. On a VLAN-filtering bridge, untagged
 * frames from the tap go into the tap port's PVID; the uplink (or the other guest's tap) must carry that
 * VLAN. On a plain Linux bridge, libvirt's {@code <vlan>} tags are not applied at all.
 */
public final class VlanMismatch implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.VLAN_MISMATCH);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().bridge().isEmpty() || s.path().wiring() == Wiring.MACVTAP) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        boolean filtering = s.link(bridge).flatMap(Link::bridge).map(BridgeSettings::vlanFiltering).orElse(false);
        List<Finding> out = new ArrayList<>();
        if (!s.nic().vlans().isEmpty() && !filtering) {
            out.add(Finding.of(Catalog.VLAN_MISMATCH, s.guestName() + "'s NIC asks for VLAN " + s.nic().vlans()
                            + ", but Linux bridge " + bridge + " does not apply libvirt's tags")
                    .withEvidence(s.guestName() + "'s <interface> has <vlan> tags " + s.nic().vlans(),
                            "bridge " + bridge + ": vlan_filtering 0")
                    .withNodes(s.nicNode(), new Id.Link(bridge))
                    .withSteps("bridge the guest to a VLAN link instead (ip link add link NIC name NIC."
                                    + s.nic().vlans().get(0) + " type vlan id " + s.nic().vlans().get(0)
                                    + ", in a bridge of its own)",
                            "or remove the <vlan> element: virsh edit " + s.guestName()));
        }
        if (filtering) {
            filteredPath(s, bridge).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Finding> filteredPath(Situation s, String bridge) {
        Optional<Link> tap = s.path().tap().flatMap(s::link);
        Optional<BridgePort> port = tap.flatMap(Link::port);
        if (tap.isEmpty() || port.isEmpty()) {
            s.couldNotCheck("the VLANs of " + s.guestName() + "'s port on VLAN-filtering bridge " + bridge);
            return Optional.empty();
        }
        OptionalInt pvid = port.get().pvid();
        String where = tap.get().name();
        if (pvid.isEmpty()) {
            return Optional.of(finding(s, bridge, "Port " + where + " of " + bridge + " has no untagged VLAN: "
                    + s.guestName() + "'s untagged frames are dropped", "bridge vlan show dev " + where + ": "
                    + port.get().vlans() + ", no PVID", List.<Id.Node>of(new Id.Link(where))));
        }
        int vlan = pvid.getAsInt();
        List<Link> otherEnds = new ArrayList<>();
        if (s.goesOutside()) {
            s.path().uplinks().forEach(u -> s.link(u).ifPresent(otherEnds::add));
        }
        s.otherPath().filter(o -> o.bridge().equals(s.path().bridge())).flatMap(GuestPath::tap).flatMap(s::link)
                .ifPresent(otherEnds::add);
        for (Link end : otherEnds) {
            Optional<BridgePort> endPort = end.port();
            if (endPort.isPresent() && !endPort.get().vlans().contains(vlan)) {
                return Optional.of(finding(s, bridge, s.guestName() + "'s frames go into VLAN " + vlan + ", which "
                                + end.name() + " does not carry",
                        "bridge vlan show: " + where + " PVID " + vlan + "; " + end.name() + " carries "
                                + endPort.get().vlans(), List.<Id.Node>of(new Id.Link(where), new Id.Link(end.name())))
                        .withSteps("bridge vlan add dev " + end.name() + " vid " + vlan + " (tagged), or move "
                                + where + " into a VLAN " + end.name() + " carries"));
            }
        }
        return Optional.empty();
    }

    private static Finding finding(Situation s, String bridge, String title, String evidence, List<Id.Node> nodes) {
        return Finding.of(Catalog.VLAN_MISMATCH, title).withSeverity(Severity.ERROR)
                .withEvidence(evidence)
                .withNodes(nodes.toArray(Id.Node[]::new))
                .withNodes(s.nicNode())
                .withSteps("bridge " + bridge + " filters VLANs: the guest's port and the other end must share one");
    }
}
