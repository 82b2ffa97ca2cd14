package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Bond;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.Set;

/**
 * An 802.3ad (LACP) bond on the guest's way out has no partner: the switch ports are not a link aggregation,
 * so the bond runs on one slave at best and the switch may drop what arrives on the others. The switch is
 * where it is fixed (or the bond is made active-backup, which needs nothing of the switch).
 */
public final class BondModeNeedsSwitch implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.BOND_MODE_NEEDS_SWITCH);
    }

    @Override
    public List<Finding> check(Situation s) {
        return WayOut.of(s).stream().filter(l -> l.bond().map(Bond::lacpWithoutPartner).orElse(false))
                .map(BondModeNeedsSwitch::finding).toList();
    }

    private static Finding finding(Link bond) {
        return Finding.of(Catalog.BOND_MODE_NEEDS_SWITCH, "Bond " + bond.name() + " is 802.3ad (LACP), but no switch "
                        + "answered LACP")
                .withEvidence(BondDegraded.bondFacts(bond), "ip -d link show " + bond.name()
                        + ": ad_info partner_mac 00:00:00:00:00:00 (no LACP partner)")
                .withNodes(new Id.Link(bond.name()), new Id.Outside())
                .withSteps("configure the switch ports of " + bond.name() + "'s slaves as one LACP (802.3ad) "
                                + "link aggregation",
                        "or, where the switch cannot: make " + bond.name() + " active-backup, which needs nothing "
                                + "of the switch (the kernel changes a bond's mode only while it is down and has no "
                                + "slaves: release them, ip link set dev " + bond.name() + " type bond mode "
                                + "active-backup, enslave them again)");
    }
}
