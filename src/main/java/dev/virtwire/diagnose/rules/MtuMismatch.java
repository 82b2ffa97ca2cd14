package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Links of one layer-2 segment disagree on their MTU: small packets pass, big ones vanish (ping works,
 * downloads hang). The tap, the bridge and the bridge's ports must agree.
 */
public final class MtuMismatch implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.MTU_MISMATCH);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.path().guest().isRunning()) {
            return List.of();
        }
        List<Link> segment = new ArrayList<>();
        s.path().tap().flatMap(s::link).ifPresent(segment::add);
        s.path().bridge().flatMap(s::link).ifPresent(segment::add);
        if (!s.path().throughHostStack()) {
            // bridged and macvtap guests share their segment with the uplink
            s.path().uplinks().forEach(u -> s.link(u).ifPresent(segment::add));
        }
        List<Link> known = segment.stream().filter(l -> l.mtu().isPresent()).toList();
        if (known.size() < 2) {
            return List.of();
        }
        int bridgeMtu = known.stream().filter(l -> s.path().bridge().filter(l.name()::equals).isPresent())
                .map(l -> l.mtu().getAsInt()).findFirst().orElse(known.get(known.size() - 1).mtu().getAsInt());
        List<Link> odd = known.stream().filter(l -> l.mtu().getAsInt() != bridgeMtu).toList();
        if (odd.isEmpty()) {
            return List.of();
        }
        Optional<String> tap = s.path().tap();
        Finding finding = Finding.of(Catalog.MTU_MISMATCH, "MTU differs along " + s.guestName() + "'s path: "
                        + String.join(", ", known.stream().map(l -> l.name() + " " + l.mtu().getAsInt()).toList())
                        + " (big packets get lost)")
                .withEvidence(known.stream().map(LinkFacts::describe).toList())
                .withNodes(odd.stream().map(l -> new Id.Link(l.name())).toArray(Id.Node[]::new))
                .withSteps(odd.stream().map(l -> "ip link set dev " + l.name() + " mtu " + bridgeMtu)
                        .toArray(String[]::new));
        if (odd.size() == 1) {
            finding = finding.withFix(Fix.of(new LinkIntent.SetLinkMtu(odd.get(0).name(), bridgeMtu)));
        }
        if (tap.isPresent()) {
            finding = finding.withSteps("inside the guest, keep the NIC's MTU at " + bridgeMtu + " too");
        }
        return List.of(finding);
    }
}
