package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import dev.virtwire.model.Uplinks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The links the guest's traffic leaves the host by and everything they stand on (a VLAN's parent, a bond's
 * slaves), top first. Where the host lost its default route (a link taken down takes its routes along), the
 * default routes Virtwire saw before say where the way out was.
 */
final class WayOut {
    private WayOut() {
    }

    static List<Link> of(Situation s) {
        if (!s.goesOutside()) {
            return List.of();
        }
        Uplinks uplinks = Uplinks.of(s.snapshot());
        Deque<Link> next = new ArrayDeque<>();
        s.path().uplinks().forEach(u -> s.link(u).ifPresent(next::add));
        if (next.isEmpty() && s.path().throughHostStack()) {
            s.rememberedDefaults().stream().flatMap(r -> r.device().stream()).distinct()
                    .forEach(d -> s.link(d).ifPresent(next::add));
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Link> out = new ArrayList<>();
        while (!next.isEmpty() && out.size() < s.snapshot().links().size()) {
            Link l = next.poll();
            if (seen.add(l.name())) {
                out.add(l);
                next.addAll(uplinks.below(l));
            }
        }
        return out;
    }

    /** The default route Virtwire saw on this link before, when the host has none now. */
    static java.util.Optional<Route> rememberedDefault(Situation s, String link) {
        if (s.snapshot().routes().stream().anyMatch(Route::isDefault)) {
            return java.util.Optional.empty();
        }
        return s.rememberedDefaults().stream().filter(r -> r.gateway().isPresent())
                .filter(r -> r.device().filter(link::equals).isPresent()).findFirst();
    }
}
