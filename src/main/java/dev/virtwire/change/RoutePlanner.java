package dev.virtwire.change;

import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RouteOp;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Plans routes of the host's main table; a default route is the host's way out, so such plans are risky. */
final class RoutePlanner {
    private final HostSnapshot s;
    private final SuggestedCommands suggested;

    RoutePlanner(HostSnapshot snapshot, SuggestedCommands suggested) {
        this.s = snapshot;
        this.suggested = suggested;
    }

    Plan add(RouteIntent.AddRoute i) {
        Route route = route(i.destination(), i.gateway(), i.device(), i.metric());
        if (s.routes().contains(route)) {
            throw new ChangeRefused("the route " + i.destination() + " on " + i.device() + " exists already");
        }
        route.gateway().map(Ipv4::parse).ifPresent(gw -> {
            Link device = s.link(i.device()).orElseThrow();
            if (device.addresses().stream().map(Ipv4::parse).noneMatch(a -> a.contains(gw))) {
                throw new ChangeRefused("the gateway " + gw.ip() + " is not in a subnet of " + device.name() + " ("
                        + device.addresses() + "): give the device's address first, or a gateway on its subnet");
            }
        });
        return new Plan(i, i.describe(), List.of(new RouteOp(route, true)));
    }

    /**
     * The link up (its addresses stayed; their subnets come back with it) and the default route added. Not
     * risky: the host has no default route, so there is no connection through one to lose.
     */
    Plan restoreUplink(RouteIntent.RestoreUplink i) {
        Route route = route("default", Optional.of(i.gateway()), i.link(), i.metric());
        Optional<Route> existing = s.routes().stream().filter(Route::isDefault).findFirst();
        if (existing.isPresent()) {
            throw new ChangeRefused("the host has a default route already ("
                    + s.routes().stream().filter(Route::isDefault).map(RoutePlanner::text).toList()
                    + "): to replace it, remove it first (" + removal(existing.get()) + ")");
        }
        Link link = s.link(i.link()).orElseThrow();
        Ipv4 gw = Ipv4.parse(i.gateway());
        if (link.addresses().stream().map(Ipv4::parse).noneMatch(a -> a.contains(gw))) {
            throw new ChangeRefused("the gateway " + gw.ip() + " is not in a subnet of " + link.name() + " ("
                    + link.addresses() + "): its address is gone too; give it back first");
        }
        List<Operation> ops = new ArrayList<>();
        // the kernel takes a VLAN down with its parent and brings it up with it: the parent is what to set up
        Optional<Link> parentDown = link.kind() == LinkKind.VLAN
                ? link.parent().flatMap(s::link).filter(p -> !p.adminUp()) : Optional.empty();
        parentDown.ifPresent(p -> ops.add(new LinkUpOp(p.name(), true, false)));
        if (!link.adminUp() && parentDown.isEmpty()) {
            ops.add(new LinkUpOp(link.name(), true, false));
        }
        ops.add(new RouteOp(route, true, true));
        return new Plan(i, i.describe(), ops);
    }

    /** The command that removes this route, as the user would type it. */
    private String removal(Route r) {
        List<String> args = new ArrayList<>(List.of("route", "remove", r.destination()));
        r.gateway().ifPresent(g -> args.addAll(List.of("--via", g)));
        r.device().ifPresent(d -> args.addAll(List.of("--dev", d)));
        r.metric().ifPresent(m -> args.addAll(List.of("--metric", Integer.toString(m))));
        return suggested.line(args.toArray(String[]::new));
    }

    private static String text(Route r) {
        return r.destination() + r.gateway().map(g -> " via " + g).orElse("") + r.device().map(d -> " dev " + d)
                .orElse("");
    }

    Plan remove(RouteIntent.RemoveRoute i) {
        Route route = route(i.destination(), i.gateway(), i.device(), i.metric());
        if (!s.routes().contains(route)) {
            throw new ChangeRefused("there is no route " + i.destination() + " on " + i.device() + "; routes on it: "
                    + s.routes().stream().filter(r -> r.device().filter(i.device()::equals).isPresent())
                    .map(Route::destination).toList());
        }
        return new Plan(i, i.describe(), List.of(new RouteOp(route, false)));
    }

    private Route route(String destination, Optional<String> gateway, String device, Optional<Integer> metric) {
        new Lookup(s).link(device, "device");
        String dest = destination.equals("default") ? "default" : Input.ip(destination, "the destination").network()
                .toString();
        if (!dest.equals("default") && !destination.contains("/")) {
            throw new ChangeRefused("'" + destination + "' needs a prefix (e.g. 10.1.0.0/16), or say default");
        }
        Optional<String> gw = gateway.map(g -> Input.address(g, "the gateway"));
        metric.ifPresent(m -> {
            if (m < 0) {
                throw new ChangeRefused("a route metric is 0 or more, not " + m);
            }
        });
        return new Route(dest, gw, Optional.of(device), metric.map(OptionalInt::of).orElse(OptionalInt.empty()));
    }
}
