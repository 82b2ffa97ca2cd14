package dev.virtwire.diagnose.rules;

import dev.virtwire.change.NetworkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Nobody hands out addresses on the guest's network: it has no {@code <dhcp>} section, or libvirt's
 * dnsmasq for it is not running.
 */
public final class DhcpServerMissing implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.DHCP_SERVER_MISSING);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(VirtualNetwork::active)
                .filter(n -> s.path().throughHostStack() && !n.ips().isEmpty());
        if (network.isEmpty() || !s.path().guest().isRunning()) {
            return List.of();
        }
        String name = network.get().name();
        boolean configured = network.get().ips().stream().anyMatch(NetworkIp::hasDhcp);
        if (!configured) {
            if (!s.guestAddresses().isEmpty()) {
                return List.of();
            }
            return List.of(Finding.of(Catalog.DHCP_SERVER_MISSING, "Network '" + name + "' hands out no addresses "
                            + "and " + s.guestName() + " has none")
                    .withSeverity(Severity.WARNING)
                    .withEvidence("network '" + name + "' has no <dhcp> section in its <ip>")
                    .withNodes(new Id.Network(name))
                    .withSteps("give the guest a static address in " + s.path().subnet().map(Object::toString)
                                    .orElse("the network's subnet"),
                            "or add a DHCP range: virsh net-edit " + name));
        }
        Optional<ProbeRun> servers = s.probes().dhcpServers();
        if (servers.isEmpty()) {
            if (s.guestAddresses().isEmpty()) {
                s.couldNotCheck("whether libvirt's DHCP server (dnsmasq) for network '" + name + "' runs");
            }
            return List.of();
        }
        if (!servers.get().ok() && !servers.get().output().isBlank()) {
            s.couldNotCheck("whether dnsmasq serves network '" + name + "': " + servers.get().output().strip());
            return List.of();
        }
        boolean running = servers.get().output().lines().anyMatch(l -> l.contains("/" + name + ".conf"));
        if (running) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.DHCP_SERVER_MISSING, "libvirt's DHCP server for network '" + name
                        + "' is not running")
                .withEvidence(servers.get().evidence())
                .withEvidence("no dnsmasq uses " + name + ".conf")
                .withNodes(new Id.Network(name))
                .withFix(Fix.of(new NetworkIntent.RestartNetwork(name))));
    }
}
