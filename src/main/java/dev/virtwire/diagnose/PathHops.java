package dev.virtwire.diagnose;

import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The node ids a guest's traffic passes, in order, and which of them a finding marks. */
final class PathHops {
    private PathHops() {
    }

    static List<Id.Node> nodes(HostSnapshot snapshot, Situation situation) {
        GuestPath path = situation.path();
        Set<Id.Node> ids = new LinkedHashSet<>(guestSide(snapshot, path));
        Reach reach = situation.reach();
        if (reach == Reach.OUTSIDE) {
            path.uplinks().stream().findFirst().map(Id.Link::new).ifPresent(ids::add);
            ids.add(new Id.Outside());
        } else if (reach == Reach.HOST && path.wiring() == GuestPath.Wiring.MACVTAP) {
            path.uplinks().stream().findFirst().map(Id.Link::new).ifPresent(ids::add);
        }
        if (reach == Reach.SAME_SEGMENT || reach == Reach.OTHER_SEGMENT || reach == Reach.OUTSIDE) {
            situation.otherPath().ifPresent(other -> {
                // the other guest's side, from its bridge back to it (shared nodes are kept once)
                List<Id.Node> theirs = new ArrayList<>(guestSide(snapshot, other));
                Collections.reverse(theirs);
                ids.addAll(theirs);
            });
        }
        return List.copyOf(ids);
    }

    /** guest, NIC, tap, network, bridge: as far as the guest's own wiring goes. */
    private static List<Id.Node> guestSide(HostSnapshot snapshot, GuestPath path) {
        List<Id.Node> ids = new ArrayList<>();
        ids.add(new Id.Guest(path.guest().name()));
        ids.add(new Id.Nic(path.guest().name(), path.nic().mac()));
        path.tap().filter(t -> snapshot.link(t).isPresent()).map(Id.Link::new).ifPresent(ids::add);
        path.network().map(n -> new Id.Network(n.name())).ifPresent(ids::add);
        path.bridge().map(Id.Link::new).ifPresent(ids::add);
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
