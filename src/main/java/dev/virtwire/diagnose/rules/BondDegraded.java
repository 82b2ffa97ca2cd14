package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.BondSlave;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A bond on the guest's way out has a slave without link: a warning while another slave carries the traffic
 * (the redundancy is gone), an error when none is left. A slave set down can be set up again; a slave without
 * carrier needs its cable, switch port or veth peer looked at.
 */
public final class BondDegraded implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.BOND_DEGRADED);
    }

    @Override
    public List<Finding> check(Situation s) {
        List<Finding> out = new ArrayList<>();
        for (Link bond : WayOut.of(s)) {
            if (bond.kind() == LinkKind.BOND) {
                finding(s, bond).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Finding> finding(Situation s, Link bond) {
        List<Link> slaves = s.snapshot().links().stream().filter(l -> l.master().filter(bond.name()::equals)
                .isPresent()).toList();
        List<Link> down = slaves.stream().filter(l -> !working(l)).toList();
        if (!slaves.isEmpty() && down.isEmpty()) {
            return Optional.empty();
        }
        boolean noneLeft = down.size() == slaves.size();
        String title = slaves.isEmpty() ? "Bond " + bond.name() + " has no slaves: nothing carries its traffic"
                : noneLeft ? "Bond " + bond.name() + " has no working slave: " + names(down) + " down"
                : "Bond " + bond.name() + " runs on " + (slaves.size() - down.size()) + " of " + slaves.size()
                + " slaves: " + names(down) + " down";
        Finding finding = Finding.of(Catalog.BOND_DEGRADED, title)
                .withSeverity(noneLeft ? Severity.ERROR : Severity.WARNING)
                .withEvidence(bondFacts(bond))
                .withEvidence(slaves.stream().map(BondDegraded::slaveFacts).toList())
                .withNodes(new Id.Link(bond.name()))
                .withNodes(down.stream().map(l -> (Id.Node) new Id.Link(l.name())).toArray(Id.Node[]::new));
        Optional<Link> setDown = down.stream().filter(LinkFacts::adminDown).findFirst();
        if (setDown.isPresent()) {
            finding = finding.withFix(Fix.of(new LinkIntent.SetLinkUp(setDown.get().name(), true)));
        }
        List<String> steps = new ArrayList<>();
        down.stream().filter(l -> l != setDown.orElse(null)).forEach(l -> steps.add(LinkFacts.adminDown(l)
                ? "ip link set dev " + l.name() + " up"
                : "check the " + (l.kind() == LinkKind.VETH ? "other end of the veth pair" : "cable and switch port")
                + " of " + l.name() + ": it has no carrier"));
        if (slaves.isEmpty()) {
            steps.add("enslave a NIC: ip link set dev NIC master " + bond.name());
        }
        return Optional.of(steps.isEmpty() ? finding : finding.withSteps(steps.toArray(String[]::new)));
    }

    /** Up, with the carrier the bond's link monitor sees. */
    private static boolean working(Link slave) {
        return slave.isUp() && slave.bondSlave().map(BondSlave::carrier).orElse(true);
    }

    private static String names(List<Link> links) {
        return String.join(", ", links.stream().map(Link::name).toList());
    }

    static String bondFacts(Link bond) {
        return "ip -d link show " + bond.name() + ": bond, state " + bond.state().name()
                + bond.bond().map(b -> ", mode " + b.mode() + b.activeSlave().map(a -> ", active slave " + a)
                .orElse(", no active slave")).orElse(", mode unknown");
    }

    private static String slaveFacts(Link slave) {
        return "ip -d link show " + slave.name() + ": state " + slave.state().name()
                + (slave.adminUp() ? "" : " (administratively down)")
                + slave.bondSlave().map(b -> b.state().map(st -> ", bond slave " + st).orElse("")
                + b.miiStatus().map(m -> ", mii_status " + m).orElse("")
                + (b.linkFailures().isPresent() ? ", link_failure_count " + b.linkFailures().getAsInt() : ""))
                .orElse("");
    }
}
