package dev.virtwire.change.op;

import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.Optional;

/**
 * A port forward as firewalld makes it: a forward port in the zone the LAN's packets come in by, or, for
 * connections from some addresses only, a rich rule with a forward port there (firewalld's forward ports take no
 * source); at run time and --permanent (firewalld's table, which it makes again on reload and at boot and which a
 * libvirt network's restart leaves alone). Undo removes it from both.
 *
 * @param from the sources the forward is for, an address or CIDR; "" for everyone (journals of before have none)
 */
public record FirewalldForwardPortOp(PortForward forward, String zone, boolean present, String from)
        implements Operation {

    public FirewalldForwardPortOp {
        from = from == null ? "" : from;
    }

    public FirewalldForwardPortOp(PortForward forward, String zone, boolean present) {
        this(forward, zone, present, "");
    }

    @Override
    public String describe() {
        String what = forward.describe() + (from.isEmpty() ? "" : " for connections from " + from + " (a rich rule)");
        return present ? "Forward " + what + " in firewalld's " + zone + " zone (at run time and "
                + "--permanent: there after firewall-cmd --reload and a reboot)"
                : "Stop forwarding " + what + " in firewalld's " + zone + " zone (at run time and --permanent)";
    }

    @Override
    public List<HostCommand> commands() {
        return FirewalldCommands.forwardPort(zone, forward, from, present).stream()
                .<HostCommand>map(HostCommand.Run::new).toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(forward.comment()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return listed(now) != present ? Optional.empty() : Optional.of("firewalld's " + zone + " zone "
                + (present ? "forwards " + forward.describe() + " already" : "no longer forwards " + forward.describe()));
    }

    @Override
    public void apply(Host host) {
        host.firewall().setFirewalldForwardPort(forward, zone, from, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return listed(after) == present ? Optional.empty() : Optional.of("firewalld's table " + (present
                ? "does not list " : "still lists ") + forward.describe() + " in the " + zone + " zone");
    }

    private boolean listed(HostSnapshot s) {
        return FirewalldForwardPorts.in(s.firewall()).contains(new FirewalldForwardPorts.Found(forward, zone, from));
    }

    @Override
    public Operation inverse() {
        return new FirewalldForwardPortOp(forward, zone, !present, from);
    }
}
