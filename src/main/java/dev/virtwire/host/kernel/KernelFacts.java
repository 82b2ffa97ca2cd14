package dev.virtwire.host.kernel;

import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.util.List;

/**
 * Everything read from one host's kernel in one pass, with what could not be read.
 *
 * @param neighbours the ARP cache and the IPv6 neighbour table
 * @param routes6    the IPv6 routes of the main table
 */
public record KernelFacts(List<Link> links, List<Route> routes, KernelSettings settings,
                          List<Neighbour> neighbours, List<String> gaps, List<Route> routes6) {

    public KernelFacts {
        links = List.copyOf(links);
        routes = List.copyOf(routes);
        neighbours = List.copyOf(neighbours);
        gaps = List.copyOf(gaps);
        routes6 = List.copyOf(routes6);
    }
}
