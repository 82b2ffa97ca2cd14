package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.ForwardVerdicts.Verdict;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.Id;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The IPv6 filter (ip6tables, nft ip6 and inet tables) drops or rejects what the guest sends through the host. */
public final class Ip6FirewallDrop implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.IP6_FIREWALL_DROP);
    }

    @Override
    public List<Finding> check(Situation s) {
        boolean isolated = s.path().mode().filter(m -> m == NetworkMode.ISOLATED).isPresent();
        FirewallState ipv6 = s.snapshot().firewall().ipv6View();
        boolean nothingRead = ipv6.policies().isEmpty() && ipv6.rules().isEmpty();
        if (!s.routedByHost() || isolated || s.path().bridge().isEmpty() || nothingRead) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        Optional<IpAddress> source = Ipv6Facts.guestGlobals(s).stream().findFirst()
                .or(() -> Ipv6Facts.networkPrefixes(s).stream().findFirst());
        Packet packet = new Packet(bridge, Ipv6Facts.uplinks(s).stream().findFirst()
                .or(() -> s.otherPath().flatMap(o -> o.bridge())), source,
                s.targetAddress().flatMap(IpAddress::tryParse));
        List<Verdict> blocking = ForwardVerdicts.blocking(s, packet, ipv6);
        if (blocking.isEmpty()) {
            return List.of();
        }
        Verdict first = blocking.get(0);
        return List.of(Finding.of(Catalog.IP6_FIREWALL_DROP, "The host's IPv6 firewall "
                        + first.outcome().verdict().toLowerCase(java.util.Locale.ROOT) + "s what " + s.guestName()
                        + " sends through " + bridge)
                .withEvidence(blocking.stream().map(v -> v.evidence(s)).toList())
                .withEvidence(source.map(a -> "the guest's IPv6 packets come from " + a.ip())
                        .orElse("the guest's IPv6 address is not known"))
                .withNodes(new Id.Link(bridge))
                .withSteps("remove or narrow it: " + first.evidence(s) + (first.outcome().rule().isPresent()
                        ? "" : " (or accept " + bridge + "'s traffic ahead of the policy)")));
    }
}
