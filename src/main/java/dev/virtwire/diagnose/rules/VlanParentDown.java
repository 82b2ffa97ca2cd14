package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.RouteIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A VLAN link on the guest's way out sits on a parent that is down. The kernel takes a VLAN down with its
 * parent and brings it up again with it; the default route on the VLAN is gone meanwhile, so the fix brings
 * the parent up and the route Virtwire saw before back.
 */
public final class VlanParentDown implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.VLAN_PARENT_DOWN);
    }

    @Override
    public List<Finding> check(Situation s) {
        List<Finding> out = new ArrayList<>();
        for (Link vlan : WayOut.of(s)) {
            if (vlan.kind() != LinkKind.VLAN) {
                continue;
            }
            vlan.parent().flatMap(s::link).filter(p -> !p.isUp()).ifPresent(parent -> out.add(finding(s, vlan,
                    parent)));
        }
        return out;
    }

    private static Finding finding(Situation s, Link vlan, Link parent) {
        Finding finding = Finding.of(Catalog.VLAN_PARENT_DOWN, "VLAN " + vlan.name() + " sits on " + parent.name()
                        + ", which is down")
                .withEvidence(LinkFacts.describe(parent), LinkFacts.describe(vlan) + vlan.vlanId().stream()
                        .mapToObj(id -> ", VLAN id " + id).findFirst().orElse(""))
                .withNodes(new Id.Link(parent.name()), new Id.Link(vlan.name()));
        if (!LinkFacts.adminDown(parent)) {
            return finding.withEvidence(parent.name() + " is set up but has no carrier")
                    .withSteps("check the " + (parent.kind() == LinkKind.VETH ? "other end of the veth pair"
                            : parent.kind() == LinkKind.BOND ? "slaves" : "cable and switch port") + " of "
                            + parent.name());
        }
        Optional<Route> remembered = WayOut.rememberedDefault(s, vlan.name());
        if (remembered.isPresent()) {
            Route r = remembered.get();
            return finding.withEvidence("default route seen earlier by Virtwire: default via " + r.gateway().get()
                            + " dev " + vlan.name() + "; the kernel dropped it when " + vlan.name() + " went down")
                    .withFix(Fix.of(new RouteIntent.RestoreUplink(vlan.name(), r.gateway().get(),
                            r.metric().isPresent() ? Optional.of(r.metric().getAsInt()) : Optional.empty())));
        }
        return finding.withFix(Fix.of(new LinkIntent.SetLinkUp(parent.name(), true)));
    }
}
