package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.IpAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The guest NIC has no global IPv6 address that the host knows of. SLAAC addresses show up only in the host's
 * neighbour table, after the guest sent something: on a network that announces a prefix this is a warning.
 */
public final class NoIpv6Address implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NO_IPV6_ADDRESS);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.path().guest().isRunning() || !Ipv6Facts.guestGlobals(s).isEmpty()) {
            return List.of();
        }
        Optional<ProbeRun> asked = s.path().bridge().flatMap(b -> s.probes().ipv6Neighbours(b,
                Ipv6Facts.linkGlobals(s, b).stream().findFirst().map(IpAddress::ip)));
        String mac = s.nic().mac().toLowerCase(Locale.ROOT);
        if (asked.filter(r -> r.output().lines().map(l -> l.toLowerCase(Locale.ROOT))
                .anyMatch(l -> l.contains("lladdr " + mac) && !l.startsWith("fe80:"))).isPresent()) {
            return List.of(); // it answered from a global address
        }
        boolean announced = !Ipv6Facts.networkPrefixes(s).isEmpty();
        boolean libvirtNetwork = s.path().network().isPresent() && s.path().throughHostStack();
        String where = s.path().bridge().orElse("its link");
        Finding f = Finding.of(Catalog.NO_IPV6_ADDRESS, s.guestName() + " has no global IPv6 address that the host "
                        + "knows of")
                .withEvidence("NIC " + s.nic().mac() + ": no global IPv6 address in libvirt's DHCPv6 leases, the guest "
                        + "agent or the host's neighbour table (ip -6 neigh)"
                        + (s.nic().addresses6().isEmpty() ? "" : "; only link-local ones"))
                .withNodes(s.nicNode())
                .withSteps("inside the guest: ip -6 addr (a SLAAC address needs router advertisements and "
                                + "accept_ra on the guest's NIC)",
                        "the host sees a SLAAC address once the guest sends from it: ping -6 -c 1 ff02::1%" + where
                                + " on the host, then ask again");
        if (asked.filter(ProbeRun::ok).isPresent()) {
            // asked, and it answered from no global address: it has none
            return List.of(f.withEvidence(asked.get().evidence()));
        }
        // without a prefix on its libvirt network nothing can give it one (ra-missing says why)
        return List.of(libvirtNetwork && !announced ? f : f.withSeverity(Severity.WARNING));
    }
}
