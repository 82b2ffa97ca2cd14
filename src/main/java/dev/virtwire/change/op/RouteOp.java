package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Route;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip route add|del ...}; a default route is the host's way out, so changing it is risky.
 *
 * @param firstDefault the route is a default route and, added, the host's only one: adding it cannot cut
 *                     the host off (there was no way out before); removing it always can
 */
public record RouteOp(Route route, boolean present, boolean firstDefault) implements Operation {

    public RouteOp(Route route, boolean present) {
        this(route, present, false);
    }

    @Override
    public String describe() {
        return (present ? "Add the route " : "Remove the route ") + text();
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setRoute(route, present)));
    }

    @Override
    public List<Id> subjects() {
        List<Id> subjects = new java.util.ArrayList<>(List.of(new Id.Route(route.destination())));
        route.device().ifPresent(d -> subjects.add(new Id.Link(d)));
        return subjects;
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return now.routes().contains(route) != present ? Optional.empty()
                : Optional.of("the route " + text() + (present ? " exists already" : " is gone"));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setRoute(route, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return after.routes().contains(route) == present ? Optional.empty()
                : Optional.of("the route " + text() + (present ? " is missing" : " is still there"));
    }

    @Override
    public Operation inverse() {
        return new RouteOp(route, !present, firstDefault);
    }

    @Override
    public boolean risky() {
        return route.isDefault() && !(present && firstDefault);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setRoute(route, present));
    }

    private String text() {
        return String.join(" ", IpCommands.setRoute(route, true).subList(3, IpCommands.setRoute(route, true).size()));
    }
}
