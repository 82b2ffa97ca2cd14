package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A guest on a libvirt network takes its IPv6 address and route from the router advertisements that libvirt's
 * dnsmasq sends for the network's IPv6 prefixes: none without such a prefix, none while dnsmasq is not running.
 */
public final class RaMissing implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NETWORK_WITHOUT_IPV6, Catalog.RA_MISSING);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(VirtualNetwork::active)
                .filter(n -> s.path().throughHostStack());
        if (network.isEmpty() || !s.path().guest().isRunning() || s.path().bridge().isEmpty()) {
            return List.of();
        }
        String name = network.get().name();
        String bridge = s.path().bridge().get();
        List<IpAddress> prefixes = Ipv6Facts.networkPrefixes(s);
        if (prefixes.isEmpty()) {
            List<IpAddress> onBridge = Ipv6Facts.linkGlobals(s, bridge);
            if (onBridge.isEmpty()) {
                // nothing is broken: the network was made without IPv6, so IPv6 targets are out of its reach
                return List.of(Finding.of(Catalog.NETWORK_WITHOUT_IPV6, "Network '" + name + "' has no IPv6")
                        .withEvidence("network '" + name + "' has no <ip family='ipv6'> and " + bridge + " no global "
                                + "IPv6 address: its guests get no IPv6 address or route from the host")
                        .withNodes(new Id.Network(name))
                        .withSteps("to give it IPv6: virtwire network mode " + name + " "
                                + network.get().mode().json() + " --address6 PREFIX::1/64 (a unique local prefix "
                                + "such as fd00:…::/64 when the LAN routes none to this host); its guests then take "
                                + "SLAAC addresses from libvirt's router advertisements"));
            }
            return List.of(Finding.of(Catalog.RA_MISSING, "Network '" + name + "' sends no router advertisements: "
                            + "it has no IPv6 prefix")
                    .withEvidence("network '" + name + "' has no <ip family='ipv6'>, so libvirt's dnsmasq "
                                    + "announces nothing on " + bridge,
                            onBridge.isEmpty() ? bridge + " has no global IPv6 address"
                                    : bridge + " has " + onBridge.get(0) + ", set outside libvirt: nothing announces it")
                    .withNodes(new Id.Network(name))
                    .withSteps("give the network an IPv6 prefix: virsh net-edit " + name + ", add <ip family='ipv6' "
                            + "address='PREFIX::1' prefix='64'/>, then restart it (its guests take SLAAC addresses)"));
        }
        Optional<ProbeRun> servers = s.probes().dhcpServers();
        if (servers.isEmpty() || !servers.get().ok()) {
            s.couldNotCheck("whether libvirt's dnsmasq (which sends router advertisements) runs for network '"
                    + name + "'");
            return List.of();
        }
        if (servers.get().output().lines().anyMatch(l -> l.contains("/" + name + ".conf"))) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.RA_MISSING, "libvirt's dnsmasq for network '" + name + "' is not running: "
                        + "no router advertisements for " + prefixes.get(0))
                .withEvidence("no dnsmasq process reads " + name + ".conf", "network '" + name + "' has IPv6 prefix "
                        + prefixes.get(0))
                .withNodes(new Id.Network(name))
                .withSteps("restart the network (virsh net-destroy " + name + "; virsh net-start " + name
                        + "): libvirt starts its dnsmasq again"));
    }
}
