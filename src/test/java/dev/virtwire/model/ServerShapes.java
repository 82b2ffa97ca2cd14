package dev.virtwire.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The demo host with its uplink rebuilt as a server's: eth0 and eth2 bonded into bond0, VLAN 100 on top
 * (bond0.100) carrying the host's address and default route. Test data for every part that reads uplinks.
 */
public final class ServerShapes {
    private ServerShapes() {
    }

    public static HostSnapshot bondVlan(HostSnapshot demo) {
        Bond mode = new Bond("active-backup", Optional.of("eth0"), Optional.empty());
        List<Link> links = new ArrayList<>();
        for (Link l : demo.links()) {
            links.add(l.name().equals("eth0") ? slave(l.withAddresses(List.of()), "ACTIVE", "UP") : l);
        }
        links.add(slave(Link.of("eth2", LinkKind.PHYSICAL, "52:54:00:aa:00:02", 1500, LinkState.UP, List.of()),
                "BACKUP", "UP"));
        links.add(Link.of("bond0", LinkKind.BOND, "52:54:00:aa:00:01", 1500, LinkState.UP, List.of())
                .withBond(Optional.of(mode), Optional.empty()));
        links.add(Link.of("bond0.100", LinkKind.VLAN, "52:54:00:aa:00:01", 1500, LinkState.UP,
                List.of("192.168.1.20/24")).withParent(Optional.of("bond0")).withVlanId(OptionalInt.of(100))
                .withVlanProtocol(Optional.of("802.1Q")));
        List<Route> routes = demo.routes().stream()
                .map(r -> r.device().filter("eth0"::equals).isPresent()
                        ? new Route(r.destination(), r.gateway(), Optional.of("bond0.100"), r.metric()) : r)
                .toList();
        return demo.withLinks(links).withRoutes(routes);
    }

    /** One slave of bond0 as the bond's monitor sees it. */
    public static Link slave(Link link, String state, String mii) {
        return link.withMaster(Optional.of("bond0")).withBond(Optional.empty(),
                Optional.of(new BondSlave(Optional.of(state), Optional.of(mii), OptionalInt.of(0))));
    }
}
