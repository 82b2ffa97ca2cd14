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
 * A firewalld port forward's accept ahead of libvirt's reject (libvirt before 10 rejects new connections into a
 * NAT network in iptables' LIBVIRT_FWI, which firewalld's table does not override), through firewalld's direct
 * rules at run time and --permanent.
 *
 * @param libvirtJump with the first forward: libvirt's jump to LIBVIRT_FWI kept in firewalld's permanent direct
 *                    rules after the accept (taken out again with the last), so that after a reload or a boot
 *                    libvirt finds its jump there and does not put it ahead of the accept
 */
public record FirewalldAcceptOp(PortForward forward, String bridge, boolean present, boolean libvirtJump)
        implements Operation {

    @Override
    public String describe() {
        return present ? "Let " + forward.describe() + " through ahead of libvirt's reject into " + bridge
                + " (firewalld's direct rules, at run time and --permanent" + (libvirtJump ? "; libvirt's jump to "
                + FirewalldCommands.LIBVIRT_FWI + " kept after it there, so that a reload or a reboot keeps the order"
                : "") + ")"
                : "Stop letting " + forward.describe() + " through into " + bridge + " (firewalld's direct rules"
                + (libvirtJump ? ", and libvirt's jump Virtwire kept there" : "") + ")";
    }

    @Override
    public List<HostCommand> commands() {
        return FirewalldCommands.accept(forward, bridge, present, libvirtJump).stream()
                .<HostCommand>map(HostCommand.Run::new).toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(forward.comment()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return listed(now) != present ? Optional.empty() : Optional.of("iptables' FORWARD " + (present
                ? "already lets " : "no longer lets ") + forward.describe() + " through");
    }

    @Override
    public void apply(Host host) {
        host.firewall().setFirewalldAccept(forward, bridge, present, libvirtJump);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return listed(after) == present ? Optional.empty() : Optional.of("iptables' FORWARD " + (present
                ? "does not list " : "still lists ") + "the accept of " + forward.describe());
    }

    private boolean listed(HostSnapshot s) {
        return FirewalldForwardPorts.accepts(s.firewall()).stream()
                .anyMatch(r -> r.comment().filter(forward.comment()::equals).isPresent());
    }

    @Override
    public Operation inverse() {
        return new FirewalldAcceptOp(forward, bridge, !present, libvirtJump);
    }
}
