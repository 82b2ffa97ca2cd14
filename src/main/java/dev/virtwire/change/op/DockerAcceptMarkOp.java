package dev.virtwire.change.op;

import dev.virtwire.host.DockerAcceptMarkRules;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FwMark;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Adds or deletes Virtwire's rule that gives a bridge's forwarded packets Docker's {@code bridge-accept-fwmark}, so
 * that Docker 29's nftables chains (no DOCKER-USER there; an accept in another table does not override their drop)
 * accept them.
 *
 * @param mark      the mark as daemon.json gives it ({@code 0x1/0x1})
 * @param saved     the plan saves it in /etc/nftables.conf too (an {@link NftablesConfOp} beside it)
 * @param dropChain removing it takes Virtwire's marking chain too (no other bridge is marked); adding it makes that
 *                  chain where missing, so the inverse of an add that made the chain drops it
 * @param dropTable removing it takes Virtwire's {@code inet virtwire} table too (nothing else is in it)
 */
public record DockerAcceptMarkOp(String bridge, String mark, boolean present, boolean saved, boolean dropChain,
                                 boolean dropTable) implements Operation {

    @Override
    public String describe() {
        return (present ? "Mark " : "Stop marking ") + bridge + "'s forwarded packets with Docker's "
                + "bridge-accept-fwmark " + mark + " in " + DockerAcceptMark.TABLE + "/" + DockerAcceptMark.CHAIN
                + (present ? " (priority filter - 1, before Docker's chains, which accept what carries that mark: "
                + "Docker's nftables backend has no DOCKER-USER chain)" + (saved ? "" : "; not saved: gone after "
                + "reboot") : "");
    }

    @Override
    public List<HostCommand> commands() {
        return (present ? DockerAcceptMarkRules.addCommands(accept())
                : DockerAcceptMarkRules.removeCommands(accept(), dropChain, dropTable))
                .stream().<HostCommand>map(HostCommand.Run::new).toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return DockerAcceptMark.marks(now.firewall(), bridge) != present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "already has " : "no longer has ") + "a rule to "
                + accept().describe());
    }

    @Override
    public void apply(Host host) {
        host.firewall().setDockerAcceptMark(accept(), present, dropChain, dropTable);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return DockerAcceptMark.marks(after.firewall(), bridge) == present ? Optional.empty()
                : Optional.of("the firewall " + (present ? "does not list " : "still lists ") + "a rule to "
                + accept().describe());
    }

    @Override
    public Operation inverse() {
        return new DockerAcceptMarkOp(bridge, mark, !present, saved, dropChain, dropTable);
    }

    private DockerAcceptMark accept() {
        return new DockerAcceptMark(bridge, FwMark.parse(mark).orElseThrow(() -> new IllegalStateException(
                "the journal's Docker accept mark " + mark + " is no firewall mark")));
    }
}
