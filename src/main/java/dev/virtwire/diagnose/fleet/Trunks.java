package dev.virtwire.diagnose.fleet;

import dev.virtwire.model.BridgePort;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import java.util.List;
import java.util.OptionalInt;

/**
 * The VLANs a host's bridges carry off the host. Only a bridge that filters VLANs says which it carries; one that
 * does not passes every tag, so it has no trunk here and nothing is missing on it.
 */
public final class Trunks {
    private Trunks() {
    }

    /** A bridge port that leads off the host, with the VLANs it carries and the one it sends untagged. */
    record Trunk(String bridge, String port, List<Integer> vlans, OptionalInt pvid) {
        boolean carries(int vlan) {
            return vlans.contains(vlan);
        }

        String describe(String host) {
            return host + ": " + port + " (port of " + bridge + ", which filters VLANs) carries VLANs "
                    + (vlans.isEmpty() ? "none" : vlans.toString()) + (pvid.isPresent() ? ", untagged "
                    + pvid.getAsInt() : "");
        }
    }

    /**
     * The VLANs that the trunks of every one of these hosts carry off the host: a guest in one of them meets the
     * others' guests of that VLAN on the LAN they share. A host whose bridges filter no VLANs carries every tag
     * and restricts nothing; empty when no host filters (then every VLAN passes and there is nothing to name).
     */
    public static List<Integer> carriedByAll(List<HostSnapshot> hosts) {
        java.util.Set<Integer> common = null;
        for (HostSnapshot host : hosts) {
            List<Trunk> trunks = host.links().stream().filter(l -> l.bridge().isPresent())
                    .flatMap(l -> of(host, l.name()).stream()).toList();
            if (trunks.isEmpty()) {
                continue;
            }
            java.util.Set<Integer> carried = new java.util.TreeSet<>();
            trunks.forEach(t -> carried.addAll(t.vlans()));
            if (common == null) {
                common = carried;
            } else {
                common.retainAll(carried);
            }
        }
        return common == null ? List.of() : List.copyOf(new java.util.TreeSet<>(common));
    }

    /** The ports off the host of this bridge when it filters VLANs; none when it carries every tag. */
    static List<Trunk> of(HostSnapshot host, String bridge) {
        if (!filters(host, bridge)) {
            return List.of();
        }
        return Uplinks.of(host).portsOf(bridge).stream().map(p -> new Trunk(bridge, p.name(),
                p.port().map(BridgePort::vlans).orElse(List.of()),
                p.port().map(BridgePort::pvid).orElse(OptionalInt.empty()))).toList();
    }

    /**
     * The VLANs a guest NIC's frames are in on its bridge: the tags libvirt gives it, else its tap's VLAN where
     * the bridge filters VLANs. None for an untagged NIC on a bridge that does not filter.
     */
    static List<Integer> ofNic(HostSnapshot host, GuestNic nic) {
        if (!nic.vlans().isEmpty()) {
            return nic.vlans();
        }
        return nic.target().flatMap(host::link)
                .filter(tap -> tap.master().filter(bridge -> filters(host, bridge)).isPresent())
                .flatMap(Link::port).map(BridgePort::pvid).filter(OptionalInt::isPresent)
                .map(p -> List.of(p.getAsInt())).orElse(List.of());
    }

    /** The guest's VLANs that leave by this trunk tagged (the trunk's untagged VLAN leaves bare). */
    static List<Integer> taggedOut(List<Integer> vlans, Trunk out) {
        return vlans.stream().filter(v -> out.pvid().isEmpty() || out.pvid().getAsInt() != v).toList();
    }

    private static boolean filters(HostSnapshot host, String bridge) {
        return host.link(bridge).flatMap(Link::bridge).map(BridgeSettings::vlanFiltering).orElse(false);
    }
}
