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
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The link the guest's traffic leaves the host by is down, or has no carrier (cable, switch port). */
public final class UplinkDown implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.UPLINK_DOWN);
    }
    private static final Set<LinkKind> SUSPECT_KINDS = Set.of(LinkKind.PHYSICAL, LinkKind.VETH, LinkKind.BOND,
            LinkKind.VLAN, LinkKind.BRIDGE);

    @Override
    public List<Finding> check(Situation s) {
        if (!s.goesOutside()) {
            return List.of();
        }
        if (s.path().uplinks().isEmpty() && s.path().throughHostStack()
                && s.path().mode().filter(m -> m != NetworkMode.ISOLATED).isPresent()) {
            return noDefaultRoute(s);
        }
        List<Finding> out = new ArrayList<>();
        for (String name : s.path().uplinks()) {
            s.link(name).filter(l -> !l.isUp()).ifPresent(link -> out.add(finding(s, link)));
        }
        return out;
    }

    /**
     * The host has no default route: taking a link down removes its routes, so a downed uplink is the
     * usual reason. The link that still holds an address and is down is the suspect; the route seen through
     * it before can be restored with it.
     */
    private static List<Finding> noDefaultRoute(Situation s) {
        List<Link> suspects = s.snapshot().links().stream()
                .filter(l -> SUSPECT_KINDS.contains(l.kind()) && !l.isUp() && !l.addresses().isEmpty())
                .filter(l -> s.snapshot().networkOnBridge(l.name()).isEmpty())
                .toList();
        Finding finding = Finding.of(Catalog.UPLINK_DOWN, "The host has no default route: nothing leads beyond it")
                .withEvidence("ip route show default: nothing")
                .withNodes(new Id.Outside());
        // a default route seen earlier names the uplink and its gateway (the link may be down, or the route
        // may have been deleted by hand)
        Optional<Route> remembered = s.rememberedDefaults().stream().filter(r -> r.gateway().isPresent())
                .filter(r -> r.device().flatMap(s::link).isPresent())
                .min(java.util.Comparator.comparing((Route r) -> suspects.stream()
                        .noneMatch(l -> r.device().get().equals(l.name()))));
        if (remembered.isPresent()) {
            Route route = remembered.get();
            Link link = s.link(route.device().orElseThrow()).orElseThrow();
            return List.of(finding.withEvidence(LinkFacts.describe(link))
                    .withEvidence("default route seen earlier by Virtwire: default via " + route.gateway().get()
                            + " dev " + link.name())
                    .withNodes(new Id.Link(link.name()))
                    .withFix(Fix.of(new RouteIntent.RestoreUplink(link.name(), route.gateway().get(),
                            route.metric().isPresent() ? Optional.of(route.metric().getAsInt()) : Optional.empty()))));
        }
        if (suspects.size() == 1) {
            Link link = suspects.get(0);
            return List.of(finding.withEvidence(LinkFacts.describe(link))
                    .withNodes(new Id.Link(link.name()))
                    .withFix(Fix.of(new LinkIntent.SetLinkUp(link.name(), true)))
                    .withSteps("if the default route does not come back with the link: ip route add default via "
                            + "GATEWAY dev " + link.name()));
        }
        return List.of(finding.withEvidence(suspects.stream().map(LinkFacts::describe).toList())
                .withSteps("bring the uplink up and add the default route: ip link set dev NIC up && ip route add "
                        + "default via GATEWAY dev NIC"));
    }

    private static Finding finding(Situation s, Link link) {
        Finding finding = Finding.of(Catalog.UPLINK_DOWN, "Uplink " + link.name() + " is down")
                .withEvidence(LinkFacts.describe(link))
                .withNodes(new Id.Link(link.name()), new Id.Outside());
        if (LinkFacts.adminDown(link)) {
            return finding.withEvidence(portState(link)).withFix(Fix.of(new LinkIntent.SetLinkUp(link.name(), true)));
        }
        String peer = link.kind() == LinkKind.VETH ? "the other end of the veth pair" : "the cable or the switch port";
        return finding.withEvidence(link.state() == LinkState.DOWN ? "it is set up but has no carrier: " + peer
                        + " is down or unplugged" : "state unknown")
                .withEvidence(portState(link))
                .withSteps("check " + peer + " of " + link.name() + (link.kind() == LinkKind.VETH
                        ? " (ip link show in the namespace that holds it; bring it up there)" : ""));
    }

    /** A bridge port with no link is "disabled": said here, so that nobody takes it for spanning tree. */
    private static List<String> portState(Link link) {
        return link.port().flatMap(p -> p.state()).filter("disabled"::equals)
                .map(state -> List.of("bridge link show dev " + link.name() + ": state disabled (no link; not "
                        + "spanning tree)")).orElse(List.of());
    }
}
