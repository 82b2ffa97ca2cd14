package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Uplinks;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a bridge learnt a MAC (its forwarding table), and the quick fix when that is a container-style
 * veth port of the host: release it from the bridge, cutting the other machine off until the user decides
 * (undo puts it back). An uplink, a bond or a guest's tap is never cut this way: that would take down more
 * than the impostor.
 */
final class ImpostorPort {
    private ImpostorPort() {
    }

    /** The ports of {@code bridge} on which its forwarding table lists {@code mac}, other than the bridge itself. */
    static List<String> portsOf(ProbeRun fdb, String mac, String bridge) {
        String wanted = mac.toLowerCase(Locale.ROOT) + " ";
        return fdb.output().lines().map(l -> l.trim().toLowerCase(Locale.ROOT)).filter(l -> l.startsWith(wanted))
                .map(ImpostorPort::port).flatMap(Optional::stream).filter(p -> !p.equals(bridge)).distinct().toList();
    }

    /**
     * Release the port from the bridge, when it is a veth of the host on that bridge that is not its way
     * to the LAN. A libvirt network's own bridge (NAT, routed, isolated) reaches the LAN by routing, never
     * through a port, so there any veth is someone's container.
     */
    static Optional<Fix> release(Situation s, String bridge, String port) {
        boolean routedBridge = s.snapshot().networkOnBridge(bridge).filter(n -> n.mode() != NetworkMode.BRIDGE)
                .isPresent();
        Uplinks uplinks = Uplinks.of(s.snapshot());
        return s.link(port).filter(l -> l.kind() == LinkKind.VETH)
                .filter(l -> l.master().filter(bridge::equals).isPresent())
                .filter(l -> routedBridge || !uplinks.leadsOffHost(l))
                .map(Link::name)
                .map(p -> new Fix("Release " + p + " (the other device) from " + bridge,
                        new LinkIntent.SetLinkMaster(p, Optional.empty())));
    }

    private static Optional<String> port(String fdbLine) {
        String[] words = fdbLine.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("dev")) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }
}
