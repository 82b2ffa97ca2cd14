package dev.virtwire.host.kernel;

import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.util.List;

/** Everything read from one host's kernel in one pass, with what could not be read. */
public record KernelFacts(List<Link> links, List<Route> routes, KernelSettings settings,
                          List<Neighbour> neighbours, List<String> gaps) {

    public KernelFacts {
        links = List.copyOf(links);
        routes = List.copyOf(routes);
        neighbours = List.copyOf(neighbours);
        gaps = List.copyOf(gaps);
    }
}
