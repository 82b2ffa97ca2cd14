package dev.virtwire.host.kernel;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Route;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The links a command about the guests of a snapshot looks at, whose own settings (forwarding, IPv6 switches) it
 * reads: their taps and macvtaps, the bridges and devices their NICs and networks name, what those stand on and
 * sit in (masters; parents: a VLAN's, a macvtap's, a veth's peer; a bridge's or bond's ports), and the links the
 * default routes of both families leave by, followed down to the cables. Pure.
 */
public final class LinksOnPath {
    private LinksOnPath() {
    }

    public static Set<String> of(HostSnapshot snapshot) {
        Map<String, Link> byName = new HashMap<>();
        Map<String, List<Link>> ports = new HashMap<>();
        for (Link l : snapshot.links()) {
            byName.putIfAbsent(l.name(), l);
            l.master().ifPresent(m -> ports.computeIfAbsent(m, k -> new ArrayList<>()).add(l));
        }
        Deque<String> next = new ArrayDeque<>();
        for (Guest guest : snapshot.guests()) {
            for (GuestNic nic : guest.nics()) {
                nic.target().ifPresent(next::add);
                nic.source().ifPresent(next::add); // a bridge, a macvtap's device (a network's name matches no link)
            }
        }
        for (VirtualNetwork n : snapshot.networks()) {
            n.bridge().ifPresent(next::add);
            next.addAll(n.devices());
        }
        Stream.concat(snapshot.routes().stream(), snapshot.routes6().stream()).filter(Route::isDefault)
                .flatMap(r -> r.device().stream()).forEach(next::add);
        Uplinks.of(snapshot).chain().forEach(l -> next.add(l.name()));

        Set<String> out = new TreeSet<>();
        while (!next.isEmpty()) {
            Link link = byName.get(next.poll());
            if (link == null || !out.add(link.name())) {
                continue;
            }
            link.master().ifPresent(next::add);
            link.parent().ifPresent(next::add);
            if (link.kind() == LinkKind.BRIDGE || link.kind() == LinkKind.BOND) {
                ports.getOrDefault(link.name(), List.of()).forEach(p -> next.add(p.name()));
            }
        }
        return out;
    }
}
