package dev.virtwire.host.libvirt;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which topology nodes differ between two reads of a host, so views redraw only those. Pure. */
final class SnapshotDiff {
    private SnapshotDiff() {
    }

    static List<Id.Node> touched(HostSnapshot before, HostSnapshot after) {
        Set<Id.Node> out = new LinkedHashSet<>();
        changed(before.links(), after.links(), Link::name, n -> out.add(new Id.Link(n)));
        changed(before.networks(), after.networks(), VirtualNetwork::name, n -> out.add(new Id.Network(n)));
        Map<String, Guest> old = byName(before.guests(), Guest::name);
        Map<String, Guest> now = byName(after.guests(), Guest::name);
        for (String name : union(old.keySet(), now.keySet())) {
            Guest a = old.get(name);
            Guest b = now.get(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            out.add(new Id.Guest(name));
            List<GuestNic> nics = new ArrayList<>();
            if (a != null) {
                nics.addAll(a.nics());
            }
            if (b != null) {
                nics.addAll(b.nics());
            }
            for (GuestNic nic : nics) {
                boolean same = a != null && b != null && a.nic(nic.mac()).equals(b.nic(nic.mac()));
                if (!same) {
                    out.add(new Id.Nic(name, nic.mac()));
                }
            }
        }
        if (!before.routes().equals(after.routes()) || !before.kernel().equals(after.kernel())
                || !before.firewall().equals(after.firewall())) {
            out.add(new Id.Outside());
        }
        return List.copyOf(out);
    }

    /** Whether anything a user could see differs (the read time aside). */
    static boolean same(HostSnapshot before, HostSnapshot after) {
        return before.withTakenAt(after.takenAt()).equals(after);
    }

    private static <T> void changed(List<T> before, List<T> after, Function<T, String> name,
                                    java.util.function.Consumer<String> touched) {
        Map<String, T> old = byName(before, name);
        Map<String, T> now = byName(after, name);
        union(old.keySet(), now.keySet()).stream().filter(n -> !Objects.equals(old.get(n), now.get(n)))
                .forEach(touched);
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (x, y) -> x));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
