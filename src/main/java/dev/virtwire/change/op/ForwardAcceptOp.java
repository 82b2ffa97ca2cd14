package dev.virtwire.change.op;

import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Inserts or deletes the accept rules that let a bridge's traffic through the forward filter.
 *
 * @param saved the plan saves the accept too (an {@link NftablesConfOp} beside it); otherwise adding it says it
 *              is gone after a reboot (journals written before say false)
 */
public record ForwardAcceptOp(ForwardAccept accept, boolean present, boolean saved) implements Operation {

    public ForwardAcceptOp(ForwardAccept accept, boolean present) {
        this(accept, present, false);
    }

    @Override
    public String describe() {
        if (accept.nftables()) {
            return (present ? "Let " : "Stop letting ") + accept.bridge() + "'s traffic through " + accept.table()
                    + "/" + accept.chain() + (present ? ", which drops it (an accept in a table of its own would "
                    + "not override that drop)" + (saved ? "" : "; not saved: gone after reboot") : "");
        }
        return (present ? "Let " : "Stop letting ") + accept.bridge() + "'s traffic through the host's firewall ("
                + accept.chain() + (present && !saved ? "; not saved: gone after reboot)" : ")");
    }

    @Override
    public List<HostCommand> commands() {
        return (present ? ForwardAcceptRules.addCommands(accept) : ForwardAcceptRules.removeCommands(accept))
                .stream().<HostCommand>map(HostCommand.Run::new).toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(accept.bridge()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return has(now) != present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "already has " : "no longer has ") + accept.describe());
    }

    @Override
    public void apply(Host host) {
        host.firewall().setForwardAccept(accept, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return has(after) == present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "does not list " : "still lists ") + accept.describe());
    }

    @Override
    public Operation inverse() {
        return new ForwardAcceptOp(accept, !present, saved);
    }

    /** Both rules, in their chain: one alone would let traffic out but not its replies back, or the reverse. */
    private boolean has(HostSnapshot s) {
        return s.firewall().rules().stream().filter(r -> r.chain().equals(accept.chain()))
                .filter(r -> r.table().equals(accept.table()))
                .filter(r -> r.comment().filter(accept.comment()::equals).isPresent()).count() >= 2;
    }
}
