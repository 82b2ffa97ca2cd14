package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guest's network uses addresses that another network or the host's LAN also uses: the host cannot
 * tell where to send replies.
 */
public final class SubnetOverlap implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.SUBNET_OVERLAP);
    }

    @Override
    public List<Finding> check(Situation s) {
        Optional<VirtualNetwork> network = s.path().network().filter(n -> s.path().throughHostStack());
        if (network.isEmpty() || s.path().subnet().isEmpty()) {
            return List.of();
        }
        Ipv4 subnet = s.path().subnet().get();
        String name = network.get().name();
        Optional<String> ownBridge = s.path().bridge();
        List<Finding> out = new ArrayList<>();
        for (VirtualNetwork other : s.snapshot().networks()) {
            if (other.name().equals(name) || !other.active()) {
                continue;
            }
            other.ips().stream().flatMap(ip -> Ipv4.tryParse(ip.address()).stream()).filter(subnet::overlaps)
                    .findFirst().ifPresent(clash -> out.add(finding(s, name, subnet,
                            "network '" + other.name() + "' uses " + clash.network(), new Id.Network(other.name()))));
        }
        for (Link link : s.snapshot().links()) {
            boolean ours = ownBridge.filter(link.name()::equals).isPresent()
                    || s.snapshot().networkOnBridge(link.name()).isPresent();
            if (ours) {
                continue;
            }
            link.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream())
                    .filter(a -> a.prefix() > 0 && a.prefix() < 32 && subnet.overlaps(a)).findFirst()
                    .ifPresent(clash -> out.add(finding(s, name, subnet, "host link " + link.name() + " has "
                            + clash + " (" + clash.network() + ")", new Id.Link(link.name()))));
        }
        return out;
    }

    private static Finding finding(Situation s, String name, Ipv4 subnet, String clash, Id.Node node) {
        return Finding.of(Catalog.SUBNET_OVERLAP, "Network '" + name + "' (" + subnet.network() + ") overlaps "
                        + clash.substring(0, clash.indexOf(' ', clash.indexOf(' ') + 1)).trim())
                .withEvidence("network '" + name + "' uses " + subnet.network(), clash)
                .withNodes(new Id.Network(name), node)
                .withSteps("give network '" + name + "' a subnet nobody else uses: virsh net-edit " + name
                        + " (change <ip address>, <dhcp range>), then restart it");
    }
}
