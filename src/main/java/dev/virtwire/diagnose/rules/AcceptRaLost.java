package dev.virtwire.diagnose.rules;

import dev.virtwire.change.SysctlIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Id;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv6Conf;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * With IPv6 forwarding on, the kernel ignores router advertisements on a link whose accept_ra is 1 (and
 * flushed the routes they gave when forwarding came on): an uplink that takes its address by SLAAC loses the
 * host's IPv6 default route. accept_ra=2 takes them even while forwarding.
 */
public final class AcceptRaLost implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.ACCEPT_RA_LOST);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.goesOutside() || !Ipv6Facts.conf(s, "all").flatMap(Ipv6Conf::forwarding).orElse(false)) {
            return List.of();
        }
        boolean hasDefault = Ipv6Facts.defaultRoute(s).isPresent();
        List<Finding> out = new ArrayList<>();
        for (String link : Ipv6Facts.uplinks(s)) {
            OptionalInt acceptRa = Ipv6Facts.conf(s, link).map(Ipv6Conf::acceptRa).orElse(OptionalInt.empty());
            List<IpAddress> globals = Ipv6Facts.linkGlobals(s, link);
            if (acceptRa.isEmpty() || acceptRa.getAsInt() != 1 || globals.isEmpty()) {
                continue;
            }
            Finding f = Finding.of(Catalog.ACCEPT_RA_LOST, hasDefault
                            ? link + " ignores router advertisements while the host forwards IPv6: its IPv6 default "
                            + "route goes when it expires"
                            : "The host has no IPv6 default route: " + link + " ignores router advertisements while "
                            + "the host forwards IPv6")
                    .withEvidence("sysctl net.ipv6.conf.all.forwarding = 1",
                            "sysctl net.ipv6.conf." + link + ".accept_ra = 1 (1: router advertisements are taken "
                                    + "only while forwarding is off; 2: always)",
                            link + " has " + globals.get(0) + " (an address from router advertisements keeps going "
                                    + "until its lifetime ends)",
                            hasDefault ? "ip -6 route: a default route, learnt before" : "ip -6 route: no default route")
                    .withNodes(new Id.Link(link))
                    .withSteps("the fix sets net.ipv6.conf." + link + ".accept_ra=2 now and saves it in "
                            + dev.virtwire.host.SysctlConf.PATH + "; the next router advertisement brings the default "
                            + "route back");
            f = f.withFix(Fix.of(new SysctlIntent.SetIpv6Conf(link, "accept_ra", 2, Scope.BOTH)));
            // a target on the uplink's own prefix is reached without the default route
            boolean onLink = s.targetAddress().flatMap(IpAddress::tryParse)
                    .filter(t -> globals.stream().anyMatch(g -> g.contains(t))).isPresent();
            if (onLink) {
                f = f.withEvidence(s.targetAddress().get() + " is on " + link + "'s own prefix: this traffic does "
                        + "not need the default route");
            }
            out.add(hasDefault || onLink ? f.withSeverity(Severity.WARNING) : f);
        }
        return out;
    }
}
