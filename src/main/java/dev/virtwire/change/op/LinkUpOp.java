package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code ip link set LINK up|down}. */
public record LinkUpOp(String link, boolean up, boolean risky) implements Operation {

    @Override
    public String describe() {
        return "Set " + link + (up ? " up" : " down");
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setUp(link, up)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.link(now, link).check(l -> l.adminUp() != up ? Optional.empty()
                : Optional.of(link + " is already " + (up ? "up" : "down")));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setLinkUp(link, up);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.link(after, link).check(l -> l.adminUp() == up ? Optional.empty()
                : Optional.of(link + " is still " + (up ? "down" : "up")));
    }

    @Override
    public Operation inverse() {
        return new LinkUpOp(link, !up, risky);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setUp(link, up));
    }
}
