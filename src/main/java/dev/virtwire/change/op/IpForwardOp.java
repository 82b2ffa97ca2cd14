package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code sysctl -w net.ipv4.ip_forward=0|1}. */
public record IpForwardOp(boolean on) implements Operation {

    @Override
    public String describe() {
        return "Turn IPv4 forwarding " + (on ? "on" : "off");
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setIpForward(on)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Sysctl("net.ipv4.ip_forward"));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return now.kernel().ipForward().equals(Optional.of(!on)) ? Optional.empty()
                : Optional.of("IPv4 forwarding is " + state(now) + ", not " + (on ? "off" : "on"));
    }

    @Override
    public void apply(Host host) {
        host.sysctl().setIpForward(on);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return after.kernel().ipForward().equals(Optional.of(on)) ? Optional.empty()
                : Optional.of("IPv4 forwarding is " + state(after));
    }

    @Override
    public Operation inverse() {
        return new IpForwardOp(!on);
    }

    private static String state(HostSnapshot s) {
        return s.kernel().ipForward().map(f -> f ? "on" : "off").orElse("unknown (unreadable)");
    }
}
