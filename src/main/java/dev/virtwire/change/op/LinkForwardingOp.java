package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code sysctl -w net.ipv4.conf.LINK.forwarding=0|1}: whether what arrives on one link is routed on. */
public record LinkForwardingOp(String link, boolean on) implements Operation {

    @Override
    public String describe() {
        return "Turn IPv4 forwarding " + (on ? "on" : "off") + " for " + link;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setLinkForwarding(link, on)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Sysctl(SysctlConf.forwardingKey(Optional.of(link))), new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (now.link(link).isEmpty()) {
            return Optional.of(link + " is gone");
        }
        return forwards(now) == !on ? Optional.empty()
                : Optional.of("IPv4 forwarding on " + link + " is " + (on ? "on" : "off") + " already");
    }

    @Override
    public void apply(Host host) {
        host.sysctl().setLinkForwarding(link, on);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return forwards(after) == on ? Optional.empty()
                : Optional.of("IPv4 forwarding on " + link + " is " + (on ? "off" : "on"));
    }

    @Override
    public Operation inverse() {
        return new LinkForwardingOp(link, !on);
    }

    private boolean forwards(HostSnapshot s) {
        return !s.kernel().notForwarding().contains(link);
    }
}
