package dev.virtwire.diagnose;

import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.model.Id;
import dev.virtwire.model.topology.EdgeKind;
import dev.virtwire.model.topology.Topology;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes of the {@link Topology} a guest's traffic passes, in order, and which of them a finding marks. The
 * guest's side is a walk along the graph's edges (guest, NIC, its tap, the network and bridge it is on); then the
 * link the traffic leaves by (a port of the bridge, the macvtap's lower device, or, routed by the host, its
 * uplink) and the outside. What the host does not have is no node, so no hop: the findings say it is missing.
 */
final class PathHops {
    private PathHops() {
    }

    static List<Id.Node> nodes(Topology topology, Situation situation) {
        GuestPath path = situation.path();
        Set<Id.Node> ids = new LinkedHashSet<>(guestSide(topology, path));
        Reach reach = situation.reach();
        Optional<Id.Node> uplink = path.uplinks().stream().findFirst().<Id.Node>map(Id.Link::new).filter(topology::has);
        if (reach == Reach.OUTSIDE) {
            uplink.ifPresent(u -> ids.addAll(wayDown(topology, situation, u)));
            ids.add(new Id.Outside());
        } else if (reach == Reach.HOST && path.wiring() == GuestPath.Wiring.MACVTAP) {
            uplink.ifPresent(ids::add);
        }
        if (reach == Reach.SAME_SEGMENT || reach == Reach.OTHER_SEGMENT || reach == Reach.OUTSIDE) {
            situation.otherPath().ifPresent(other -> {
                // the other guest's side, from its bridge back to it (shared nodes are kept once)
                List<Id.Node> theirs = new ArrayList<>(guestSide(topology, other));
                Collections.reverse(theirs);
                ids.addAll(theirs);
            });
        }
        return List.copyOf(ids);
    }

    /** The uplink and what it stands on (a VLAN's parent, a bond's slaves), down to the cables. */
    private static List<Id.Node> wayDown(Topology topology, Situation situation, Id.Node uplink) {
        Uplinks uplinks = Uplinks.of(situation.snapshot());
        List<Id.Node> out = new ArrayList<>();
        ArrayDeque<Link> next = new ArrayDeque<>();
        situation.link(((Id.Link) uplink).name()).ifPresentOrElse(next::add, () -> out.add(uplink));
        while (!next.isEmpty() && out.size() <= situation.snapshot().links().size()) {
            Link l = next.poll();
            Id.Node id = new Id.Link(l.name());
            if (topology.has(id) && !out.contains(id)) {
                out.add(id);
                next.addAll(uplinks.below(l));
            }
        }
        return out;
    }

    /** guest, NIC, tap, network, bridge: as far as the guest's own wiring goes, edge by edge. */
    private static List<Id.Node> guestSide(Topology topology, GuestPath path) {
        Id.Nic nic = new Id.Nic(path.guest().name(), path.nic().mac());
        List<Id.Node> ids = new ArrayList<>();
        ids.add(nic.guestId());
        ids.add(nic);
        topology.target(nic, EdgeKind.TAP_OF_NIC).ifPresent(ids::add);
        topology.target(nic, EdgeKind.NIC_ON_NETWORK).ifPresent(ids::add);
        topology.configuredBridge(nic).ifPresent(ids::add);
        return ids;
    }

    /** Each node with the first finding (root cause first) that marks it, itself or through a symptom. */
    static List<Hop> mark(List<Id.Node> nodes, List<Finding> arranged) {
        List<Hop> hops = new ArrayList<>();
        for (Id.Node node : nodes) {
            Optional<String> finding = arranged.stream()
                    .filter(f -> f.nodes().contains(node) || f.symptoms().stream().anyMatch(s -> s.nodes().contains(node)))
                    .map(Finding::id).findFirst();
            hops.add(new Hop(node, finding.isEmpty(), finding));
        }
        return hops;
    }
}
