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
 * @param acceptChain     on iptables: the chain of the accept, FORWARD (journals written before name none: theirs
 *                        went into libvirt's LIBVIRT_FWI)
 * @param saved           a {@link RulesV4Op} beside it saves the forward; otherwise adding it says it is not saved
 * @param from            the sources the forward is for (an address or CIDR), matched by its DNAT and its accept;
 *                        "" for everyone (journals written before have none)
 */
public record PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present,
                            boolean aloneInOwnTable, String acceptChain, boolean saved, String from)
        implements Operation {

    /**
     * Not saved on nftables: the plan says so before it runs. The accept sits in libvirt's own table, whose
     * rules libvirt makes anew when the network starts.
     */
    public static final String NOT_SAVED = " (not saved: gone after reboot, its accept also when the network "
            + "restarts)";
    /** Not saved on iptables (no iptables-persistent file that can keep it): gone after reboot. */
    public static final String NOT_SAVED_IPTABLES = " (not saved: gone after reboot)";

    public PortForwardOp {
        acceptChain = acceptChain == null || acceptChain.isBlank() ? PortForwardRules.OLD_ACCEPT_CHAIN : acceptChain;
        from = PortForward.source(from);
    }

    public PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present,
                         boolean aloneInOwnTable, String acceptChain, boolean saved) {
        this(forward, bridge, backend, present, aloneInOwnTable, acceptChain, saved, "");
    }

    public PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present) {
        this(forward, bridge, backend, present, false);
    }

    public PortForwardOp(PortForward forward, String bridge, FirewallBackend backend, boolean present,
                         boolean aloneInOwnTable) {
        this(forward, bridge, backend, present, aloneInOwnTable, PortForwardRules.ACCEPT_CHAIN, false);
    }

    @Override
    public String describe() {
        String what = forward.describe() + (from.isEmpty() ? "" : " for connections from " + from + " only");
        if (!present) {
            return "Stop forwarding " + what;
        }
        return "Forward " + what + (saved ? " (saved too, in the next step)"
                : backend == FirewallBackend.NFTABLES ? NOT_SAVED : NOT_SAVED_IPTABLES);
    }

    @Override
    public List<HostCommand> commands() {
        return (present ? PortForwardRules.addCommands(backend, forward, bridge, from)
                : PortForwardRules.removeCommands(backend, forward, bridge, aloneInOwnTable, acceptChain, from))
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
        host.firewall().setPortForward(forward, from, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        if (PortForward.in(after.firewall()).contains(forward) != present) {
            return Optional.of("the firewall " + (present ? "does not list " : "still lists ") + forward.describe());
        }
        String source = PortForward.sourceOf(after.firewall(), forward);
        return !present || source.equals(from) ? Optional.empty() : Optional.of("the firewall lists "
                + forward.describe() + (source.isEmpty() ? " for everyone" : " from " + source) + ", not "
                + (from.isEmpty() ? "for everyone" : "from " + from + " only"));
    }

    @Override
    public Operation inverse() {
        return new PortForwardOp(forward, bridge, backend, !present, aloneInOwnTable, acceptChain, saved, from);
    }
}
