package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip address add|del CIDR dev LINK}; the kernel adds and removes the address's prefix route with it,
 * added with {@code prefixRouteMetric} when the route had one where the address came from.
 */
public record AddressOp(String link, String cidr, boolean present, boolean risky, Optional<Integer> prefixRouteMetric)
        implements Operation {

    @Override
    public String describe() {
        return present ? "Give " + link + " the address " + cidr : "Remove the address " + cidr + " from " + link;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setAddress(link, cidr, present, prefixRouteMetric)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link), new Id.Address(cidr));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.link(now, link).check(l -> l.addresses().contains(cidr) != present ? Optional.empty()
                : Optional.of(link + (present ? " already has " : " no longer has ") + cidr));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setAddress(link, cidr, present, prefixRouteMetric);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.link(after, link).check(l -> l.addresses().contains(cidr) == present ? Optional.empty()
                : Optional.of(link + (present ? " does not have " : " still has ") + cidr));
    }

    @Override
    public Operation inverse() {
        return new AddressOp(link, cidr, !present, risky, prefixRouteMetric);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setAddress(link, cidr, present, prefixRouteMetric));
    }
}
