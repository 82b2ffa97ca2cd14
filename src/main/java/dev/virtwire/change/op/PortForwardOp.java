package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.Optional;

/**
 * Adds or removes a port forward's rules (DNAT + FORWARD accept, both with the forward's comment).
 *
 * @param aloneInOwnTable on nftables: Virtwire's own table holds nothing else, so removing the forward removes
 *                        the table that adding it made (journals written before say false: the table stays)
 */
public record PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present,
                            boolean aloneInOwnTable) implements Operation {

    /**
     * Virtwire does not save firewall rules: the plan says so before it runs. The accept sits in libvirt's own
     * chain, which libvirt makes anew when the network starts.
     */
    public static final String NOT_SAVED = " (not saved: gone after reboot, its accept also when the network "
            + "restarts)";

    public PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present) {
        this(forward, bridge, backend, present, false);
    }

    @Override
    public String describe() {
        return present ? "Forward " + forward.describe() + NOT_SAVED : "Stop forwarding " + forward.describe();
    }

    @Override
    public List<HostCommand> commands() {
        return (present ? PortForwardRules.addCommands(backend, forward, bridge)
                : PortForwardRules.removeCommands(backend, forward, bridge, aloneInOwnTable))
                .stream().<HostCommand>map(HostCommand.Run::new).toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(forward.comment()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (now.firewall().backend() != backend) {
            return Optional.of("the firewall backend is now " + now.firewall().backend().json() + ", not "
                    + backend.json());
        }
        return PortForward.in(now.firewall()).contains(forward) != present ? Optional.empty()
                : Optional.of("the port forward " + forward.describe() + (present ? " exists already" : " is gone"));
    }

    @Override
    public void apply(Host host) {
        host.firewall().setPortForward(forward, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return PortForward.in(after.firewall()).contains(forward) == present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "does not list " : "still lists ") + forward.describe());
    }

    @Override
    public Operation inverse() {
        return new PortForwardOp(forward, bridge, backend, !present, aloneInOwnTable);
    }
}
