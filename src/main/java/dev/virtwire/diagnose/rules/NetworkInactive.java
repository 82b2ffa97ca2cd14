package dev.virtwire.diagnose.rules;

import dev.virtwire.change.NetworkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Set;

/** The guest's NIC is on a libvirt network that is stopped (or does not exist). */
public final class NetworkInactive implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NETWORK_INACTIVE);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.nic().type() != NicType.NETWORK || s.nic().source().isEmpty()) {
            return List.of();
        }
        String name = s.nic().source().get();
        return s.snapshot().network(name).map(network -> network.active() ? List.<Finding>of() : List.of(
                Finding.of(Catalog.NETWORK_INACTIVE, "Network '" + name + "' is not running")
                        .withEvidence("virsh net-info " + name + ": Active: no, Autostart: "
                                + (network.autostart() ? "yes" : "no"))
                        .withNodes(new Id.Network(name), s.nicNode())
                        .withFix(Fix.of(new NetworkIntent.SetNetworkActive(name, true)))
                        .withSteps(network.autostart() ? new String[0]
                                : new String[] {"to start it with the host: virsh net-autostart " + name})))
                .orElseGet(() -> List.of(Finding.of(Catalog.NETWORK_INACTIVE, "Network '" + name
                                + "' does not exist")
                        .withEvidence("virsh net-list --all: no network named '" + name + "'")
                        .withNodes(s.nicNode())
                        .withSteps("define the network again (virsh net-define FILE.xml), or move the NIC to "
                                + "an existing network")));
    }
}
