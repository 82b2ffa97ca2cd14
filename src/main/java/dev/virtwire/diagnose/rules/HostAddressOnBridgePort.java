package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A bridge port still holds the host's address: the host answers on it no more (frames arriving there
 * belong to the bridge), so the address must move to the bridge.
 */
public final class HostAddressOnBridgePort implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.HOST_ADDRESS_ON_BRIDGE_PORT);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().bridge().isEmpty()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        List<Finding> out = new ArrayList<>();
        s.snapshot().links().stream()
                .filter(l -> l.master().filter(bridge::equals).isPresent() && !l.addresses().isEmpty())
                .forEach(port -> out.add(finding(s, bridge, port)));
        return out;
    }

    private static Finding finding(Situation s, String bridge, Link port) {
        String address = port.addresses().get(0);
        Finding finding = Finding.of(Catalog.HOST_ADDRESS_ON_BRIDGE_PORT, "The host's address " + address
                        + " is on " + port.name() + ", a port of bridge " + bridge + ", instead of on the bridge")
                .withEvidence(LinkFacts.describe(port))
                .withNodes(new Id.Link(port.name()), new Id.Link(bridge))
                .withSteps("move the address to the bridge (from a console: this cuts connections that use it): "
                        + "ip addr del " + address + " dev " + port.name() + " && ip addr add " + address + " dev "
                        + bridge);
        return s.reach() == dev.virtwire.diagnose.Situation.Reach.HOST ? finding.withSeverity(Severity.ERROR)
                : finding;
    }
}
