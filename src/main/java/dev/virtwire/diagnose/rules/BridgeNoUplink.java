package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Uplinks;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A bridged guest wants the LAN, but its bridge has no port towards it: only guests' taps. */
public final class BridgeNoUplink implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.BRIDGE_NO_UPLINK);
    }
    @Override
    public List<Finding> check(Situation s) {
        if (s.path().wiring() != Wiring.BRIDGED || !s.goesOutside() || s.path().bridge().isEmpty()
                || !s.path().uplinks().isEmpty() || s.link(s.path().bridge().get()).isEmpty()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        List<String> ports = s.snapshot().links().stream().filter(l -> l.master().filter(bridge::equals).isPresent())
                .map(Link::name).toList();
        Finding finding = Finding.of(Catalog.BRIDGE_NO_UPLINK, "Bridge " + bridge + " has no port to the LAN")
                .withEvidence("bridge link (ports of " + bridge + "): " + (ports.isEmpty() ? "none"
                        : String.join(", ", ports) + " (guest taps only)"))
                .withNodes(new Id.Link(bridge));
        List<Link> candidates = freeUplinks(s);
        if (candidates.size() == 1) {
            String nic = candidates.get(0).name();
            return List.of(finding.withEvidence(LinkFacts.describe(candidates.get(0))
                            + " (the only host NIC on no bridge and without an address)")
                    .withFix(Fix.of(new LinkIntent.SetLinkMaster(nic, Optional.of(bridge)))));
        }
        return List.of(finding.withSteps("plug the host NIC that is cabled to the LAN into the bridge: "
                + "ip link set dev NIC master " + bridge + (candidates.isEmpty() ? ""
                : " (candidates: " + String.join(", ", candidates.stream().map(Link::name).toList()) + ")")));
    }

    /** Host NICs that could be the bridge's uplink: not enslaved, no address, not carrying the host's route. */
    private static List<Link> freeUplinks(Situation s) {
        Uplinks uplinks = Uplinks.of(s.snapshot());
        Set<String> routed = Set.copyOf(s.snapshot().routes().stream().flatMap(r -> r.device().stream()).toList());
        Set<String> lowers = Set.copyOf(s.snapshot().links().stream().flatMap(l -> l.parent().stream()).toList());
        return s.snapshot().links().stream()
                .filter(l -> uplinks.leadsOffHost(l) && l.kind() != LinkKind.MACVTAP)
                .filter(l -> l.master().isEmpty() && l.addresses().isEmpty())
                .filter(l -> !routed.contains(l.name()) && !lowers.contains(l.name()))
                .filter(l -> s.snapshot().networks().stream().noneMatch(n -> n.devices().contains(l.name())))
                .toList();
    }

}
