package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv6Conf;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code sysctl -w net.ipv6.conf.LINK.KEY=VALUE} for {@code forwarding} or {@code accept_ra} ({@code LINK} may be
 * {@code all}); {@code before} is the value it replaces, which the inverse puts back.
 */
public record Ipv6ConfOp(String link, String key, int value, int before) implements Operation {

    public Ipv6ConfOp {
        SysctlConf.ipv6Key(link, key); // checks both
    }

    @Override
    public String describe() {
        return "Set " + SysctlConf.ipv6Key(link, key) + " to " + value;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setIpv6Conf(link, key, value)));
    }

    @Override
    public List<Id> subjects() {
        return link.equals("all") ? List.of(new Id.Sysctl(SysctlConf.ipv6Key(link, key)))
                : List.of(new Id.Sysctl(SysctlConf.ipv6Key(link, key)), new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        OptionalInt current = valueIn(now);
        if (current.isEmpty()) {
            return Optional.of(SysctlConf.ipv6Key(link, key) + " cannot be read any more");
        }
        return current.getAsInt() == before ? Optional.empty()
                : Optional.of(SysctlConf.ipv6Key(link, key) + " is " + current.getAsInt() + " now, not " + before);
    }

    @Override
    public void apply(Host host) {
        host.sysctl().setIpv6Conf(link, key, value);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        OptionalInt current = valueIn(after);
        return current.isPresent() && current.getAsInt() == value ? Optional.empty()
                : Optional.of(SysctlConf.ipv6Key(link, key) + " is not " + value);
    }

    @Override
    public Operation inverse() {
        return new Ipv6ConfOp(link, key, before, value);
    }

    /** The value the snapshot shows (forwarding as 0 or 1). */
    public static OptionalInt valueIn(HostSnapshot s, String link, String key) {
        Optional<Ipv6Conf> conf = s.kernel().ipv6(link);
        if (key.equals("accept_ra")) {
            return conf.map(Ipv6Conf::acceptRa).orElse(OptionalInt.empty());
        }
        return conf.flatMap(Ipv6Conf::forwarding).map(on -> OptionalInt.of(on ? 1 : 0)).orElse(OptionalInt.empty());
    }

    private OptionalInt valueIn(HostSnapshot s) {
        return valueIn(s, link, key);
    }
}
