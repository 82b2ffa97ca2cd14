package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForwardAccept;
import java.util.List;
import java.util.Optional;

/**
 * Inserts or deletes a port forward's accept in a native nftables chain that drops the guest's bridge.
 *
 * @param saved an {@link NftablesConfOp} beside it saves the accept; otherwise adding it says it is not saved
 */
public record PortForwardAcceptOp(PortForwardAccept accept, boolean present, boolean saved) implements Operation {

    @Override
    public String describe() {
        return present ? "Let " + accept.forward().describe() + " through " + accept.table() + "/" + accept.chain()
                + ", which drops " + accept.bridge() + "'s traffic (the forward's accept in libvirt's chain does not "
                + "override that drop)" + (saved ? "" : "; not saved: gone after reboot")
                : "Stop letting " + accept.forward().describe() + " through " + accept.table() + "/" + accept.chain();
    }

    @Override
    public List<HostCommand> commands() {
        return (present ? PortForwardRules.nativeAcceptCommands(accept)
                : PortForwardRules.nativeAcceptRemoval(accept)).stream().<HostCommand>map(HostCommand.Run::new)
                .toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(accept.forward().comment()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return PortForwardAccept.in(now.firewall()).contains(accept) != present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "already has " : "no longer has ") + accept.describe());
    }

    @Override
    public void apply(Host host) {
        host.firewall().setPortForwardAccept(accept, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return PortForwardAccept.in(after.firewall()).contains(accept) == present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "does not list " : "still lists ") + accept.describe());
    }

    @Override
    public Operation inverse() {
        return new PortForwardAcceptOp(accept, !present, saved);
    }
}
