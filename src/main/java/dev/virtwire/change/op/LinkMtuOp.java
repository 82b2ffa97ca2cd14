package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code ip link set LINK mtu N}. */
public record LinkMtuOp(String link, int mtu, int from, boolean risky) implements Operation {

    @Override
    public String describe() {
        return "Set the MTU of " + link + " from " + from + " to " + mtu;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setMtu(link, mtu)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.link(now, link).check(l -> l.mtu().orElse(-1) == from ? Optional.empty()
                : Optional.of(link + "'s MTU is " + l.mtu().orElse(-1) + ", not " + from));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setLinkMtu(link, mtu);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.link(after, link).check(l -> l.mtu().orElse(-1) == mtu ? Optional.empty()
                : Optional.of(link + "'s MTU is " + l.mtu().orElse(-1) + ", not " + mtu));
    }

    @Override
    public Operation inverse() {
        return new LinkMtuOp(link, from, mtu, risky);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setMtu(link, mtu));
    }
}
