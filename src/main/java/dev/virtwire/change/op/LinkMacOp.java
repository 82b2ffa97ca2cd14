package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code ip link set LINK address MAC}: a bridge taking over its uplink's MAC keeps DHCP leases stable. */
public record LinkMacOp(String link, String mac, String from) implements Operation {

    @Override
    public String describe() {
        return "Give " + link + " the MAC " + mac;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setMac(link, mac)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.link(now, link).check(l -> l.mac().filter(from::equals).isPresent() ? Optional.empty()
                : Optional.of(link + "'s MAC is " + l.mac().orElse("unknown") + ", not " + from));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setLinkMac(link, mac);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.link(after, link).check(l -> l.mac().filter(mac::equals).isPresent() ? Optional.empty()
                : Optional.of(link + "'s MAC is " + l.mac().orElse("unknown") + ", not " + mac));
    }

    @Override
    public Operation inverse() {
        return new LinkMacOp(link, from, mac);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setMac(link, mac));
    }
}
