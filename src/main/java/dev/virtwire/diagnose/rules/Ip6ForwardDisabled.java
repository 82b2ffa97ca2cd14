package dev.virtwire.diagnose.rules;

import dev.virtwire.change.SysctlIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** IPv6 traffic routed by the host needs net.ipv6.conf.all.forwarding=1 (libvirt sets it when an IPv6 network starts). */
public final class Ip6ForwardDisabled implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.IP6_FORWARD_DISABLED);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.routedByHost() || s.path().mode().filter(m -> m == NetworkMode.ISOLATED).isPresent()) {
            return List.of();
        }
        Optional<Boolean> all = Ipv6Facts.conf(s, "all").flatMap(Ipv6Conf::forwarding);
        if (all.isEmpty()) {
            s.couldNotCheckBlocking("whether the host forwards IPv6 (net.ipv6.conf.all.forwarding could not be read)");
            return List.of();
        }
        if (all.get()) {
            return List.of();
        }
        String uplinks = String.join(", ", Ipv6Facts.uplinks(s));
        Finding finding = Finding.of(Catalog.IP6_FORWARD_DISABLED, "The host does not forward IPv6 packets, so "
                        + s.guestName() + "'s IPv6 traffic stops at the host")
                .withEvidence("sysctl net.ipv6.conf.all.forwarding = 0")
                .withNodes(s.path().bridge().<Id.Node>map(Id.Link::new).orElse(s.nicNode()))
                .withSteps("first, on an uplink that takes its IPv6 address from router advertisements ("
                                + (uplinks.isEmpty() ? "the link of the IPv6 default route" : uplinks)
                                + "): sysctl -w net.ipv6.conf.LINK.accept_ra=2, or switching forwarding on drops the "
                                + "host's IPv6 default route (accept-ra-lost)",
                        "then: sysctl -w net.ipv6.conf.all.forwarding=1 (saved: a line in /etc/sysctl.d/)");
        // the plan sets accept_ra=2 on a SLAAC uplink first, so the host keeps its IPv6 default route
        return List.of(finding.withFix(Fix.of(new SysctlIntent.SetIpv6Conf("all", "forwarding", 1, Scope.LIVE))));
    }
}
