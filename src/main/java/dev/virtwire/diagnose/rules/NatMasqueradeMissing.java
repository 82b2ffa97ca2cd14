package dev.virtwire.diagnose.rules;

import dev.virtwire.change.NetworkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.host.RulesV4Nat;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.Id;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A NAT network's guests need a MASQUERADE (or SNAT) rule for their subnet, or replies never find them. */
public final class NatMasqueradeMissing implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NAT_MASQUERADE_MISSING);
    }
    private static final String LIBVIRT_CHAIN = "LIBVIRT_PRT";
    private static final String LIBVIRT_TABLE = "ip libvirt_network";
    private static final String LIBVIRT_NAT = "guest_nat";

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(n -> n.mode() == NetworkMode.NAT);
        if (network.isEmpty() || !network.get().active() || !s.goesOutside()) {
            return List.of();
        }
        if (s.snapshot().firewall().backend() == FirewallBackend.UNKNOWN) {
            s.couldNotCheckBlocking("whether network '" + network.get().name() + "' is masqueraded (the host's "
                    + "firewall rules could not be read)");
            return List.of();
        }
        String uplink = s.path().uplinks().stream().findFirst().orElse("");
        // the question is whether the network is masqueraded: a guest with a wrong address has its own finding
        Packet packet = ForwardVerdicts.fromNetwork(s, "", Optional.of(uplink));
        FirewallState firewall = s.snapshot().firewall();
        Optional<String> firewalldZone = FirewalldZones.leavingBy(firewall, uplink);
        // a masquerade of a firewalld zone counts only for packets that firewalld sends through that zone's chain
        boolean masqueraded = firewall.rules().stream()
                .filter(RulesV4Nat::translatesSource)
                .filter(r -> FirewalldZones.ofNatRule(r).map(z -> firewalldZone.filter(z::equals).isPresent())
                        .orElse(true))
                .anyMatch(r -> r.inInterface().isEmpty() && packet.matches(r));
        if (masqueraded) {
            return List.of();
        }
        String name = network.get().name();
        String subnet = s.path().subnet().map(n -> n.network().toString()).orElse("the network's subnet");
        long natRules = firewall.rules().stream().filter(RulesV4Nat::translatesSource).count();
        List<String> evidence = new ArrayList<>(List.of("MASQUERADE/SNAT rules on the host: " + natRules
                + ", none for " + packet.source().map(a -> a.ip()).orElse(subnet) + " leaving by " + uplink));
        libvirtsChain(firewall).ifPresent(chain -> evidence.add("libvirt masquerades its NAT networks in " + chain
                + ": none there for " + subnet));
        firewalldZone.ifPresent(zone -> evidence.add("firewalld's zone " + zone + ", which firewalld's table sends "
                + "what leaves by " + uplink + " to (" + FirewalldZones.TABLE + "/" + FirewalldZones.NAT_DISPATCH
                + "), masquerades none of it either: " + FirewalldZones.TABLE + "/" + FirewalldZones.NAT_ZONE_CHAIN
                + zone + "_allow holds none for it (firewall-cmd --zone=" + zone + " --query-masquerade)"));
        evidence.addAll(savedCopy(s, network.get()));
        return List.of(Finding.of(Catalog.NAT_MASQUERADE_MISSING, "Network '" + name + "' is NAT, but no rule "
                        + "masquerades " + subnet + ": replies cannot find the guest")
                .withEvidence(evidence)
                .withNodes(new Id.Network(name), uplink.isEmpty() ? s.nicNode() : new Id.Link(uplink))
                .withFix(Fix.of(new NetworkIntent.RestartNetwork(name))));
    }

    /**
     * Where libvirt puts its networks' masquerade, as the host's tools list it: libvirt 9's iptables chain
     * {@code nat/LIBVIRT_PRT} (jumped to from {@code nat/POSTROUTING}), libvirt 10's {@code ip libvirt_network/guest_nat}.
     */
    private static Optional<String> libvirtsChain(FirewallState firewall) {
        Optional<String> iptables = firewall.rules().stream().filter(r -> r.verdict().equals(LIBVIRT_CHAIN))
                .map(r -> r.table() + "/" + LIBVIRT_CHAIN).findFirst();
        return iptables.or(() -> firewall.chain(LIBVIRT_TABLE, LIBVIRT_NAT).map(FirewallChain::key));
    }

    /**
     * Where iptables-persistent's rules.v4 holds libvirt's rules too: whether its copy has the masquerade (its fix, the
     * network restarted, lasts past netfilter-persistent reload only then).
     */
    private static List<String> savedCopy(Situation s, VirtualNetwork network) {
        return RulesV4Nat.of(s.snapshot().firewall(), network).map(saved -> saved.masquerades()
                ? RulesV4Blocks.PATH + " (iptables-persistent) holds a masquerade for " + saved.subnet()
                        + ": netfilter-persistent reload would load it again"
                : RulesV4Nat.notSaved(saved.subnet())).stream().toList();
    }

}
